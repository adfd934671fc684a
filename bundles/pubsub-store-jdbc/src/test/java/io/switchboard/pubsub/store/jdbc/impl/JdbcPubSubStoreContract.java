package io.switchboard.pubsub.store.jdbc.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.switchboard.api.pubsub.store.PubSubStore.NewItem;
import io.switchboard.api.pubsub.store.PubSubStore.StoredItem;
import io.switchboard.api.pubsub.store.PubSubStore.StoredNode;
import io.switchboard.api.pubsub.store.PubSubStore.StoredSubscription;
import io.switchboard.api.pubsub.StoreException;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.TestDatabases;

/** What the store must do on every database it supports; a subclass per database starts a real one. */
public abstract class JdbcPubSubStoreContract {

    private JdbcPubSubStore store;

    /** Where the store's databases come from: the subclass's class rule. */
    private final TestDatabases databases;

    protected JdbcPubSubStoreContract(TestDatabases databases) {
        this.databases = databases;
    }

    private Object[] database;

    @Before
    public void open() throws Exception {
        database = databases.freshDatabase("pubsub");
        store = open(database);
    }

    @After
    public void close() {
        store.deactivate();
    }

    protected JdbcPubSubStore open(Object... configuration) throws SQLException {
        return new JdbcPubSubStore(databases.factory(), Configurations.of(JdbcStoreConfiguration.class, configuration));
    }

    /** What a new store on the same database reads back, as the next server start would. */
    private List<StoredNode> reopened() throws SQLException {
        store.deactivate();
        store = open(database);
        return store.load();
    }

    private static StoredNode node(String name, String owner, int maxItems) {
        return new StoredNode(name, Map.of("pubsub#max_items", List.of(String.valueOf(maxItems))),
                owner == null ? Map.of() : Map.of(owner, "owner"), List.of(), List.of());
    }

    private static StoredSubscription subscription(String jid, String subid) {
        return new StoredSubscription(jid, subid, "subscribed", Map.of());
    }

    @Test
    public void aFreshDatabaseHasNothingAndGetsItsTables() {
        assertEquals(List.of(), store.load());
    }

    @Test
    public void nodesSubscriptionsAndItemsAreReadBackNewestItemFirst() throws SQLException {
        store.saveNode(node("/news", "alice@example.com", 10));
        store.saveNode(node("/finesse/api/User/agent1", null, 1));
        store.saveSubscription("/news", subscription("bob@example.com/desktop", "s1"));
        store.saveSubscription("/news", subscription("carol@example.com", "s2"));
        store.saveItem("/news", new StoredItem("a", "<entry xmlns='urn:test'>a</entry>"), 10);
        store.saveItem("/news", new StoredItem("b", "<entry xmlns='urn:test'>b</entry>"), 10);

        List<StoredNode> nodes = reopened();
        StoredNode news = nodes.stream().filter(node -> node.name().equals("/news")).findFirst().orElseThrow();
        assertEquals(Map.of("alice@example.com", "owner"), news.affiliations());
        assertEquals(List.of("10"), news.configuration().get("pubsub#max_items"));
        assertEquals(2, news.subscriptions().size());
        assertTrue(news.subscriptions().contains(subscription("carol@example.com", "s2")));
        assertEquals(List.of(new StoredItem("b", "<entry xmlns='urn:test'>b</entry>"), new StoredItem("a", "<entry xmlns='urn:test'>a</entry>")),
                news.items());
        StoredNode server = nodes.stream().filter(node -> node.name().startsWith("/finesse")).findFirst().orElseThrow();
        assertEquals("the server's own node has no owner", Map.of(), server.affiliations());
    }

    @Test
    public void oneNodeIsReadAloneAsLoadReadsIt() {
        store.saveNode(node("/news", "alice@example.com", 10));
        store.saveNode(node("/other", "alice@example.com", 10));
        store.saveSubscription("/news", new StoredSubscription("bob@example.com", "s1", "subscribed",
                Map.of("pubsub#deliver", List.of("true"))));
        store.saveSubscription("/other", subscription("carol@example.com", "s2"));
        store.saveItem("/news", new StoredItem("a", "<entry xmlns='urn:test'>a</entry>"), 10);
        store.saveItem("/other", new StoredItem("x", "<entry xmlns='urn:test'>x</entry>"), 10);

        StoredNode all = store.load().stream().filter(node -> node.name().equals("/news")).findFirst().orElseThrow();
        assertEquals(java.util.Optional.of(all), store.load("/news"));
        assertEquals(java.util.Optional.empty(), store.load("/none"));
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
    public void itemsSavedTogetherAreKeptAllOrNone() throws SQLException {
        store.saveNode(node("/agent", null, 10));
        store.saveNode(node("/team", null, 10));
        store.saveItems(List.of(new NewItem("/agent", new StoredItem("1", "<s>1</s>"), 10),
                new NewItem("/team", new StoredItem("1", "<s>1</s>"), 10)));
        // the second item cannot be stored (a payload is required): the first goes with it
        assertThrows(StoreException.class, () -> store.saveItems(List.of(new NewItem("/agent", new StoredItem("2", "<s>2</s>"), 10),
                new NewItem("/team", new StoredItem("2", null), 10))));

        for (StoredNode node : reopened()) {
            assertEquals(node.name(), List.of("1"), node.items().stream().map(StoredItem::id).toList());
        }
    }

    @Test
    public void unsubscribingPurgingAndDeletingAreKeptToo() throws SQLException {
        store.saveNode(node("/news", "alice@example.com", 10));
        store.saveNode(node("/other", "alice@example.com", 10));
        store.saveSubscription("/news", subscription("bob@example.com", "s1"));
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

    @Test
    public void aNodesWholeConfigurationAndItsAffiliationsAreReplacedAndReadBack() throws SQLException {
        store.saveNode(node("/news", "alice@example.com", 10));
        store.saveSubscription("/news", subscription("bob@example.com", "s1"));
        store.saveItem("/news", new StoredItem("a", "<a/>"), 10);

        Map<String, List<String>> configuration = Map.of("pubsub#max_items", List.of("3"), "pubsub#access_model", List.of("roster"),
                "pubsub#roster_groups_allowed", List.of("friends", "team"), "pubsub#title", List.of(""));
        store.saveNode(new StoredNode("/news", configuration, Map.of("alice@example.com", "owner", "dave@example.com", "publisher"),
                List.of(), List.of()));
        store.saveAffiliation("/news", "eve@example.com", "outcast");
        store.saveAffiliation("/news", "dave@example.com", "member");
        store.saveAffiliation("/news", "frank@example.com", "member");
        store.saveAffiliation("/news", "frank@example.com", "none");

        StoredNode news = reopened().get(0);
        assertEquals(configuration, news.configuration());
        assertEquals(Map.of("alice@example.com", "owner", "dave@example.com", "member", "eve@example.com", "outcast"), news.affiliations());
        assertEquals("subscriptions and items outlive a new configuration", 1, news.subscriptions().size());
        assertEquals(1, news.items().size());
    }

    @Test
    public void aSubscriptionsStateAndOptionsAreKept() throws SQLException {
        store.saveNode(node("/news", "alice@example.com", 10));
        store.saveSubscription("/news", new StoredSubscription("bob@example.com", "s1", "pending", Map.of()));
        store.saveSubscription("/news", new StoredSubscription("carol@example.com/desktop", "s2", "subscribed",
                Map.of("pubsub#deliver", List.of("false"))));
        store.saveSubscription("/news", new StoredSubscription("bob@example.com", "s1", "subscribed", Map.of("pubsub#deliver", List.of("true"))));

        List<StoredSubscription> kept = reopened().get(0).subscriptions();
        assertEquals(2, kept.size());
        assertTrue(kept.contains(new StoredSubscription("bob@example.com", "s1", "subscribed", Map.of("pubsub#deliver", List.of("true")))));
        assertTrue(kept.contains(new StoredSubscription("carol@example.com/desktop", "s2", "subscribed",
                Map.of("pubsub#deliver", List.of("false")))));

        store.deleteSubscription("/news", "carol@example.com/desktop");
        assertEquals(1, reopened().get(0).subscriptions().size());
    }

    /** A database the first release made (schema 1, no version table) is migrated, and nothing in it is lost. */
    @Test
    public void aDatabaseOfSchemaOneIsMigratedWithItsData() throws Exception {
        store.deactivate();
        Object[] older = databases.freshDatabase("pubsub");
        try (Connection connection = databases.connect(older);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pubsub_nodes (name VARCHAR(1024) PRIMARY KEY, owner VARCHAR(1024),"
                    + " max_items INT NOT NULL, send_last BOOLEAN NOT NULL)");
            statement.execute("CREATE TABLE pubsub_subscriptions (node VARCHAR(1024) NOT NULL, jid VARCHAR(1024) NOT NULL,"
                    + " subid VARCHAR(64) NOT NULL, PRIMARY KEY (node, jid))");
            statement.execute("CREATE TABLE pubsub_items (node VARCHAR(1024) NOT NULL, item_id VARCHAR(1024) NOT NULL,"
                    + " seq BIGINT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (node, item_id))");
            statement.execute("INSERT INTO pubsub_nodes VALUES ('/news', 'alice@example.com', 5, TRUE)");
            statement.execute("INSERT INTO pubsub_nodes VALUES ('/finesse/api/User/agent1', NULL, 10, FALSE)");
            statement.execute("INSERT INTO pubsub_subscriptions VALUES ('/news', 'bob@example.com/desktop', 's1')");
            statement.execute("INSERT INTO pubsub_items VALUES ('/news', 'a', 1, '<a/>')");
            statement.execute("INSERT INTO pubsub_items VALUES ('/news', 'b', 2, '<b/>')");
        }
        database = older;
        store = open(older);

        List<StoredNode> nodes = reopened(); // and a second start finds schema 2 and changes nothing
        StoredNode news = nodes.stream().filter(node -> node.name().equals("/news")).findFirst().orElseThrow();
        assertEquals(Map.of("pubsub#max_items", List.of("5"), "pubsub#send_last_published_item", List.of("on_sub")), news.configuration());
        assertEquals(Map.of("alice@example.com", "owner"), news.affiliations());
        assertEquals(List.of(new StoredSubscription("bob@example.com/desktop", "s1", "subscribed", Map.of())), news.subscriptions());
        assertEquals(List.of("b", "a"), news.items().stream().map(StoredItem::id).toList());
        StoredNode agent = nodes.stream().filter(node -> node.name().startsWith("/finesse")).findFirst().orElseThrow();
        assertEquals(Map.of(), agent.affiliations());
        assertEquals(List.of("never"), agent.configuration().get("pubsub#send_last_published_item"));
    }
}
