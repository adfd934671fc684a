package io.switchboard.pubsub.store.jdbc.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.jdbc.DataSourceFactory;

import io.switchboard.api.pubsub.PubSubStore.StoredItem;
import io.switchboard.api.pubsub.PubSubStore.StoredNode;
import io.switchboard.api.pubsub.PubSubStore.StoredSubscription;
import io.switchboard.testing.Configurations;

/** What the store must do on every database it supports; a subclass per database starts a real one. */
public abstract class JdbcPubSubStoreContract {

    private JdbcPubSubStore store;

    /** The driver's own DataSourceFactory. */
    protected abstract DataSourceFactory factory();

    /** The configuration of a store on an empty database of its own: url, user, password. */
    protected abstract Object[] freshDatabase() throws Exception;

    private Object[] database;

    @Before
    public void open() throws Exception {
        database = freshDatabase();
        store = open(database);
    }

    @After
    public void close() {
        store.deactivate();
    }

    protected JdbcPubSubStore open(Object... configuration) throws SQLException {
        return new JdbcPubSubStore(factory(), Configurations.of(JdbcStoreConfiguration.class, configuration));
    }

    /** What a new store on the same database reads back, as the next server start would. */
    private List<StoredNode> reopened() throws SQLException {
        store.deactivate();
        store = open(database);
        return store.load();
    }

    private static StoredNode node(String name, String owner, int maxItems) {
        return new StoredNode(name, owner, maxItems, false, List.of(), List.of());
    }

    @Test
    public void aFreshDatabaseHasNothingAndGetsItsTables() {
        assertEquals(List.of(), store.load());
    }

    @Test
    public void nodesSubscriptionsAndItemsAreReadBackNewestItemFirst() throws SQLException {
        store.saveNode(node("/news", "alice@example.com", 10));
        store.saveNode(node("/finesse/api/User/agent1", null, 1));
        store.saveSubscription("/news", new StoredSubscription("bob@example.com/desktop", "s1"));
        store.saveSubscription("/news", new StoredSubscription("carol@example.com", "s2"));
        store.saveItem("/news", new StoredItem("a", "<entry xmlns='urn:test'>a</entry>"), 10);
        store.saveItem("/news", new StoredItem("b", "<entry xmlns='urn:test'>b</entry>"), 10);

        List<StoredNode> nodes = reopened();
        StoredNode news = nodes.stream().filter(node -> node.name().equals("/news")).findFirst().orElseThrow();
        assertEquals("alice@example.com", news.owner());
        assertEquals(10, news.maxItems());
        assertEquals(2, news.subscriptions().size());
        assertTrue(news.subscriptions().contains(new StoredSubscription("carol@example.com", "s2")));
        assertEquals(List.of(new StoredItem("b", "<entry xmlns='urn:test'>b</entry>"), new StoredItem("a", "<entry xmlns='urn:test'>a</entry>")),
                news.items());
        StoredNode server = nodes.stream().filter(node -> node.name().startsWith("/finesse")).findFirst().orElseThrow();
        assertNull("the server's own node has no owner", server.owner());
    }

    @Test
    public void onlyTheNewestMaxItemsAreKeptAndARepublishedIdBecomesTheNewest() throws SQLException {
        store.saveNode(node("/agent", null, 2));
        store.saveItem("/agent", new StoredItem("1", "<s>1</s>"), 2);
        store.saveItem("/agent", new StoredItem("2", "<s>2</s>"), 2);
        store.saveItem("/agent", new StoredItem("1", "<s>1 again</s>"), 2);
        store.saveItem("/agent", new StoredItem("3", "<s>3</s>"), 2);
        store.deleteItem("/agent", "3");
        store.saveItem("/agent", new StoredItem("4", "<s>4</s>"), 2);

        assertEquals(List.of("4", "1"), reopened().get(0).items().stream().map(StoredItem::id).toList());
    }

    @Test
    public void unsubscribingPurgingAndDeletingAreKeptToo() throws SQLException {
        store.saveNode(node("/news", "alice@example.com", 10));
        store.saveNode(node("/other", "alice@example.com", 10));
        store.saveSubscription("/news", new StoredSubscription("bob@example.com", "s1"));
        store.saveItem("/news", new StoredItem("a", "<a/>"), 10);
        store.saveItem("/other", new StoredItem("x", "<x/>"), 10);

        store.deleteSubscription("/news", "bob@example.com");
        store.purge("/news");
        store.deleteNode("/other");

        List<StoredNode> nodes = reopened();
        assertEquals(1, nodes.size());
        assertEquals(List.of(), nodes.get(0).subscriptions());
        assertEquals(List.of(), nodes.get(0).items());
    }
}
