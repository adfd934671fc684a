package io.switchboard.roster.store.jdbc.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.JID;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.RosterItem.Subscription;
import io.switchboard.api.roster.store.RosterStore.StoredRoster;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.TestDatabases;

/** What the store must do on every database it supports; a subclass per database starts a real one. */
public abstract class JdbcRosterStoreContract {

    private static final JID ALICE = new JID("alice@example.com");
    private static final JID BOB = new JID("bob@example.com");
    private static final JID CAROL = new JID("carol@example.com");

    private JdbcRosterStore store;
    private Object[] database;

    /** Where the store's databases come from: the subclass's class rule. */
    private final TestDatabases databases;

    protected JdbcRosterStoreContract(TestDatabases databases) {
        this.databases = databases;
    }

    @Before
    public void open() throws Exception {
        database = databases.freshDatabase("roster");
        store = open(database);
    }

    @After
    public void close() {
        store.deactivate();
    }

    protected JdbcRosterStore open(Object... configuration) throws SQLException {
        return new JdbcRosterStore(databases.factory(), Configurations.of(JdbcRosterConfiguration.class, configuration));
    }

    /** What a new store on the same database reads back, as the next server start would. */
    private StoredRoster reopened(JID user) throws SQLException {
        store.deactivate();
        store = open(database);
        return store.load(user);
    }

    @Test
    public void anUnknownUserHasAnEmptyRosterAtVersionZero() {
        StoredRoster roster = store.load(ALICE);
        assertEquals(0, roster.version());
        assertEquals(List.of(), roster.items());
        assertEquals(Set.of(), roster.pendingIn());
    }

    @Test
    public void itemsWithNamesGroupsAndSubscriptionsSurviveAReopen() throws SQLException {
        store.saveItem(ALICE, new RosterItem(BOB, "Bob", Subscription.BOTH, false, Set.of("Sales", "Friends")), 1);
        store.saveItem(ALICE, new RosterItem(CAROL, null, Subscription.NONE, true, Set.of()), 2);
        store.saveItem(BOB, new RosterItem(ALICE, "Alice", Subscription.FROM, false, Set.of()), 7);

        StoredRoster alice = reopened(ALICE);
        assertEquals(2, alice.version());
        assertEquals(List.of(new RosterItem(BOB, "Bob", Subscription.BOTH, false, Set.of("Friends", "Sales")),
                new RosterItem(CAROL, null, Subscription.NONE, true, Set.of())), alice.items());
        assertEquals(7, store.load(BOB).version());
    }

    @Test
    public void savingAnItemAgainReplacesItAndItsGroups() {
        store.saveItem(ALICE, new RosterItem(BOB, "Bob", Subscription.NONE, true, Set.of("Sales", "Friends")), 1);
        store.saveItem(ALICE, new RosterItem(BOB, "Robert", Subscription.TO, false, Set.of("Support")), 2);

        assertEquals(List.of(new RosterItem(BOB, "Robert", Subscription.TO, false, Set.of("Support"))), store.load(ALICE).items());
    }

    @Test
    public void deletingAnItemKeepsTheOthersAndRaisesTheVersion() throws SQLException {
        store.saveItem(ALICE, new RosterItem(BOB, null, Subscription.BOTH, false, Set.of("Sales")), 1);
        store.saveItem(ALICE, new RosterItem(CAROL, null, Subscription.TO, false, Set.of("Sales")), 2);
        store.deleteItem(ALICE, BOB, 3);

        StoredRoster alice = reopened(ALICE);
        assertEquals(3, alice.version());
        assertEquals(List.of(new RosterItem(CAROL, null, Subscription.TO, false, Set.of("Sales"))), alice.items());
    }

    @Test
    public void pendingRequestsAreRecordedAndForgotten() throws SQLException {
        store.savePendingIn(ALICE, BOB, true);
        store.savePendingIn(ALICE, CAROL, true);
        store.savePendingIn(ALICE, BOB, true); // twice is once
        store.savePendingIn(ALICE, CAROL, false);

        assertEquals(Set.of(BOB), reopened(ALICE).pendingIn());
        assertTrue(store.load(BOB).pendingIn().isEmpty());
    }

    @Test
    public void resourcesAreIgnored() {
        store.saveItem(new JID("alice@example.com/desktop"), new RosterItem(new JID("bob@example.com/phone"), null,
                Subscription.TO, false, Set.of()), 1);
        assertEquals(List.of(new RosterItem(BOB, null, Subscription.TO, false, Set.of())), store.load(ALICE).items());
    }
}
