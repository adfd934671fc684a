package io.switchboard.pubsub.store.jdbc.impl;

import static io.switchboard.jdbc.JdbcConnection.prepare;
import static io.switchboard.jdbc.JdbcConnection.update;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.pubsub.StoreException;
import io.switchboard.api.backup.BackupSource;
import io.switchboard.jdbc.DatabaseBackup;
import io.switchboard.jdbc.JdbcConnection;
import io.switchboard.jdbc.JdbcSettings;
import io.switchboard.jdbc.health.JdbcHealth;

/**
 * The publish-subscribe store in a relational database: nodes, their configuration fields and
 * affiliations, subscriptions and their options, items; created on first use, and a database of an
 * earlier schema migrated with its data (table pubsub_schema holds the version). Each change is committed
 * before it returns (changes that arrive together are committed together: see JdbcConnection).
 */
@Component(service = {PubSubStore.class, HealthCheck.class, BackupSource.class}, configurationPid = JdbcPubSubStore.PID,
        property = {HealthCheck.NAME + "=database", HealthCheck.TAGS + "=switchboard", HealthCheck.TAGS + "=default"})
@Designate(ocd = JdbcStoreConfiguration.class)
public class JdbcPubSubStore implements PubSubStore, HealthCheck, BackupSource {

    static final String PID = "io.switchboard.pubsub.store.jdbc";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPubSubStore.class);
    /** The first schema, as the first release made it; a database is made so, then migrated. */
    private static final List<String> SCHEMA_1 = List.of(
            "CREATE TABLE IF NOT EXISTS pubsub_nodes (name VARCHAR(1024) PRIMARY KEY, owner VARCHAR(1024),"
                    + " max_items INT NOT NULL, send_last BOOLEAN NOT NULL)",
            "CREATE TABLE IF NOT EXISTS pubsub_subscriptions (node VARCHAR(1024) NOT NULL, jid VARCHAR(1024) NOT NULL,"
                    + " subid VARCHAR(64) NOT NULL, PRIMARY KEY (node, jid))",
            "CREATE TABLE IF NOT EXISTS pubsub_items (node VARCHAR(1024) NOT NULL, item_id VARCHAR(1024) NOT NULL,"
                    + " seq BIGINT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (node, item_id))",
            "CREATE TABLE IF NOT EXISTS pubsub_schema (version INT NOT NULL)");

    /**
     * Schema 2: a node's whole configuration and its affiliations (several owners, publishers,
     * members, outcasts), a subscription's state and options. What schema 1 kept is carried over:
     * max items and send-last become configuration fields, the owner an owner affiliation.
     */
    private static final List<String> MIGRATION_2 = List.of(
            "CREATE TABLE pubsub_node_config (node VARCHAR(1024) NOT NULL, name VARCHAR(256) NOT NULL, ordinal INT NOT NULL,"
                    + " val VARCHAR(4000) NOT NULL, PRIMARY KEY (node, name, ordinal))",
            "CREATE TABLE pubsub_affiliations (node VARCHAR(1024) NOT NULL, jid VARCHAR(1024) NOT NULL,"
                    + " affiliation VARCHAR(16) NOT NULL, PRIMARY KEY (node, jid))",
            "CREATE TABLE pubsub_subscription_options (node VARCHAR(1024) NOT NULL, jid VARCHAR(1024) NOT NULL,"
                    + " name VARCHAR(256) NOT NULL, ordinal INT NOT NULL, val VARCHAR(4000) NOT NULL,"
                    + " PRIMARY KEY (node, jid, name, ordinal))",
            "ALTER TABLE pubsub_subscriptions ADD COLUMN state VARCHAR(16) DEFAULT 'subscribed' NOT NULL",
            "INSERT INTO pubsub_node_config (node, name, ordinal, val)"
                    + " SELECT name, 'pubsub#max_items', 0, CAST(max_items AS VARCHAR(16)) FROM pubsub_nodes",
            "INSERT INTO pubsub_node_config (node, name, ordinal, val)"
                    + " SELECT name, 'pubsub#send_last_published_item', 0, CASE WHEN send_last THEN 'on_sub' ELSE 'never' END"
                    + " FROM pubsub_nodes",
            "INSERT INTO pubsub_affiliations (node, jid, affiliation) SELECT name, owner, 'owner' FROM pubsub_nodes"
                    + " WHERE owner IS NOT NULL",
            "ALTER TABLE pubsub_nodes DROP COLUMN owner",
            "ALTER TABLE pubsub_nodes DROP COLUMN max_items",
            "ALTER TABLE pubsub_nodes DROP COLUMN send_last",
            "INSERT INTO pubsub_schema (version) VALUES (2)");

    static final int SCHEMA_VERSION = 2;

    private final JdbcSettings settings;
    private final JdbcConnection database;

    @Activate
    public JdbcPubSubStore(@Reference(name = "dataSourceFactory") DataSourceFactory factory, JdbcStoreConfiguration config)
            throws SQLException {
        int[] found = new int[1];
        settings = new JdbcSettings(PID, config.url(), config.user(), config.password());
        database = new JdbcConnection(factory, settings, connection -> found[0] = migrate(connection));
        if (found[0] < SCHEMA_VERSION) {
            LOG.info("Publish-subscribe store: schema {} migrated to {}, its data kept", found[0], SCHEMA_VERSION);
        }
        LOG.info("Publish-subscribe store: {}", database.redactedUrl());
    }

    /** Makes the tables of schema 1 where there are none, then migrates them; returns the version found. */
    private static int migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : SCHEMA_1) {
                statement.execute(table);
            }
            int version;
            try (ResultSet row = statement.executeQuery("SELECT MAX(version) FROM pubsub_schema")) {
                row.next();
                version = Math.max(1, row.getInt(1)); // no row: the tables are schema 1's
            }
            if (version > SCHEMA_VERSION) {
                throw new SQLException("the database has schema " + version + ", newer than this store's " + SCHEMA_VERSION);
            }
            if (version < 2) {
                for (String step : MIGRATION_2) {
                    statement.execute(step);
                }
            }
            return version;
        }
    }

    @Deactivate
    void deactivate() {
        database.close();
    }

    /** switchboard:backup: the H2 database as pubsub.zip, through this store's connection. */
    @Override
    public String backupTo(Path folder) throws IOException {
        return DatabaseBackup.backup(database, settings, folder, "pubsub");
    }

    @Override
    public List<StoredNode> load() {
        return read(null);
    }

    /** One node, read as {@link #load()} reads them all: what a cluster member reads when another changed it. */
    @Override
    public Optional<StoredNode> load(String node) {
        return read(Objects.requireNonNull(node)).stream().findFirst();
    }

    /** Every node, or only the one named {@code only}. */
    private List<StoredNode> read(String only) {
        return transaction(connection -> {
            List<String> names = new ArrayList<>();
            Map<String, Map<String, List<String>>> configurations = new LinkedHashMap<>();
            Map<String, Map<String, String>> affiliations = new LinkedHashMap<>();
            Map<String, List<StoredSubscription>> subscriptions = new LinkedHashMap<>();
            Map<String, List<StoredItem>> items = new LinkedHashMap<>();
            Map<String, Map<String, List<String>>> options = new LinkedHashMap<>(); // by node and JID
            try (ResultSet rows = select(connection, "SELECT name FROM pubsub_nodes", "name", only, "")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            try (ResultSet rows = select(connection, "SELECT node, name, val FROM pubsub_node_config", "node", only,
                    " ORDER BY node, name, ordinal")) {
                while (rows.next()) {
                    configurations.computeIfAbsent(rows.getString(1), node -> new LinkedHashMap<>())
                            .computeIfAbsent(rows.getString(2), name -> new ArrayList<>()).add(rows.getString(3));
                }
            }
            try (ResultSet rows = select(connection, "SELECT node, jid, affiliation FROM pubsub_affiliations", "node", only, "")) {
                while (rows.next()) {
                    affiliations.computeIfAbsent(rows.getString(1), node -> new LinkedHashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
            try (ResultSet rows = select(connection, "SELECT node, jid, name, val FROM pubsub_subscription_options", "node", only,
                    " ORDER BY node, jid, name, ordinal")) {
                while (rows.next()) {
                    options.computeIfAbsent(rows.getString(1) + "\n" + rows.getString(2), key -> new LinkedHashMap<>())
                            .computeIfAbsent(rows.getString(3), name -> new ArrayList<>()).add(rows.getString(4));
                }
            }
            try (ResultSet rows = select(connection, "SELECT node, jid, subid, state FROM pubsub_subscriptions", "node", only, "")) {
                while (rows.next()) {
                    String node = rows.getString(1);
                    String jid = rows.getString(2);
                    subscriptions.computeIfAbsent(node, key -> new ArrayList<>()).add(new StoredSubscription(jid, rows.getString(3),
                            rows.getString(4), options.getOrDefault(node + "\n" + jid, Map.of())));
                }
            }
            try (ResultSet rows = select(connection, "SELECT node, item_id, payload FROM pubsub_items", "node", only,
                    " ORDER BY node, seq DESC")) {
                while (rows.next()) {
                    items.computeIfAbsent(rows.getString(1), node -> new ArrayList<>()).add(new StoredItem(rows.getString(2), rows.getString(3)));
                }
            }
            return names.stream().map(name -> new StoredNode(name, configurations.getOrDefault(name, Map.of()),
                    affiliations.getOrDefault(name, Map.of()), subscriptions.getOrDefault(name, List.of()),
                    items.getOrDefault(name, List.of()))).toList();
        });
    }

    /** The rows of a query, of every node or, with {@code only}, of that node (its column named {@code column}); closed with its statement. */
    private static ResultSet select(Connection connection, String sql, String column, String only, String order) throws SQLException {
        PreparedStatement statement = only == null ? connection.prepareStatement(sql + order)
                : prepare(connection, sql + " WHERE " + column + " = ?" + order, only);
        statement.closeOnCompletion();
        return statement.executeQuery();
    }

    @Override
    public void saveNode(StoredNode node) {
        transaction(connection -> {
            update(connection, "DELETE FROM pubsub_nodes WHERE name = ?", node.name());
            update(connection, "INSERT INTO pubsub_nodes (name) VALUES (?)", node.name());
            update(connection, "DELETE FROM pubsub_node_config WHERE node = ?", node.name());
            for (Map.Entry<String, List<String>> field : node.configuration().entrySet()) {
                for (int i = 0; i < field.getValue().size(); i++) {
                    update(connection, "INSERT INTO pubsub_node_config (node, name, ordinal, val) VALUES (?, ?, ?, ?)",
                            node.name(), field.getKey(), i, field.getValue().get(i));
                }
            }
            update(connection, "DELETE FROM pubsub_affiliations WHERE node = ?", node.name());
            for (Map.Entry<String, String> affiliation : node.affiliations().entrySet()) {
                update(connection, "INSERT INTO pubsub_affiliations (node, jid, affiliation) VALUES (?, ?, ?)",
                        node.name(), affiliation.getKey(), affiliation.getValue());
            }
            return null;
        });
    }

    @Override
    public void deleteNode(String node) {
        transaction(connection -> {
            for (String table : List.of("pubsub_items", "pubsub_subscription_options", "pubsub_subscriptions", "pubsub_affiliations",
                    "pubsub_node_config")) {
                update(connection, "DELETE FROM " + table + " WHERE node = ?", node);
            }
            update(connection, "DELETE FROM pubsub_nodes WHERE name = ?", node);
            return null;
        });
    }

    @Override
    public void saveAffiliation(String node, String jid, String affiliation) {
        transaction(connection -> {
            update(connection, "DELETE FROM pubsub_affiliations WHERE node = ? AND jid = ?", node, jid);
            if (!"none".equals(affiliation)) {
                update(connection, "INSERT INTO pubsub_affiliations (node, jid, affiliation) VALUES (?, ?, ?)", node, jid, affiliation);
            }
            return null;
        });
    }

    @Override
    public void saveSubscription(String node, StoredSubscription subscription) {
        transaction(connection -> {
            deleteSubscription(connection, node, subscription.jid());
            update(connection, "INSERT INTO pubsub_subscriptions (node, jid, subid, state) VALUES (?, ?, ?, ?)",
                    node, subscription.jid(), subscription.subid(), subscription.state());
            for (Map.Entry<String, List<String>> option : subscription.options().entrySet()) {
                for (int i = 0; i < option.getValue().size(); i++) {
                    update(connection, "INSERT INTO pubsub_subscription_options (node, jid, name, ordinal, val) VALUES (?, ?, ?, ?, ?)",
                            node, subscription.jid(), option.getKey(), i, option.getValue().get(i));
                }
            }
            return null;
        });
    }

    @Override
    public void deleteSubscription(String node, String jid) {
        transaction(connection -> {
            deleteSubscription(connection, node, jid);
            return null;
        });
    }

    private static void deleteSubscription(Connection connection, String node, String jid) throws SQLException {
        update(connection, "DELETE FROM pubsub_subscription_options WHERE node = ? AND jid = ?", node, jid);
        update(connection, "DELETE FROM pubsub_subscriptions WHERE node = ? AND jid = ?", node, jid);
    }

    @Override
    public void saveItem(String node, StoredItem item, int maxItems) {
        transaction(connection -> insertItem(connection, node, item, maxItems));
    }

    @Override
    public void saveItems(List<NewItem> items) {
        transaction(connection -> {
            for (NewItem item : items) {
                insertItem(connection, item.node(), item.item(), item.maxItems());
            }
            return null;
        });
    }

    private static Void insertItem(Connection connection, String node, StoredItem item, int maxItems) throws SQLException {
        update(connection, "DELETE FROM pubsub_items WHERE node = ? AND item_id = ?", node, item.id());
        long seq;
        try (PreparedStatement newest = prepare(connection, "SELECT COALESCE(MAX(seq), 0) + 1 FROM pubsub_items WHERE node = ?", node);
                ResultSet row = newest.executeQuery()) {
            row.next();
            seq = row.getLong(1);
        }
        update(connection, "INSERT INTO pubsub_items (node, item_id, seq, payload) VALUES (?, ?, ?, ?)", node, item.id(), seq, item.payload());
        // keep the newest maxItems: drop everything older than the oldest of them
        try (PreparedStatement oldestKept = prepare(connection,
                "SELECT seq FROM pubsub_items WHERE node = ? ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", node, maxItems - 1);
                ResultSet row = oldestKept.executeQuery()) {
            if (row.next()) {
                update(connection, "DELETE FROM pubsub_items WHERE node = ? AND seq < ?", node, row.getLong(1));
            }
        }
        return null;
    }

    @Override
    public void deleteItem(String node, String itemId) {
        transaction(connection -> update(connection, "DELETE FROM pubsub_items WHERE node = ? AND item_id = ?", node, itemId));
    }

    @Override
    public void purge(String node) {
        transaction(connection -> update(connection, "DELETE FROM pubsub_items WHERE node = ?", node));
    }

    /**
     * The Felix health check "database": the store's connection answers within two seconds. One
     * that does not is dropped, so that the next look (or change) connects anew.
     */
    @Override
    public Result execute() {
        return JdbcHealth.check(database, "pubsub", 2);
    }

    private <T> T transaction(JdbcConnection.Work<T> work) {
        try {
            return database.transaction(work);
        } catch (IllegalStateException e) {
            throw new StoreException("the pubsub store failed: " + e.getMessage(), e);
        }
    }
}
