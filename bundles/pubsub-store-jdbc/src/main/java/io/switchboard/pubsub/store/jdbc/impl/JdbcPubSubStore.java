package io.switchboard.pubsub.store.jdbc.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.health.HealthCheck;
import io.switchboard.api.health.HealthResult;
import io.switchboard.api.pubsub.PubSubStore;
import io.switchboard.api.pubsub.StoreException;

/**
 * The publish-subscribe store in a relational database: three tables (nodes, subscriptions,
 * items), created on first use. One connection, one transaction per change, committed before the
 * change returns; a connection that failed is replaced at the next change.
 */
@Component(service = {PubSubStore.class, HealthCheck.class}, configurationPid = JdbcPubSubStore.PID,
        property = HealthCheck.NAME + "=database")
@Designate(ocd = JdbcStoreConfiguration.class)
public class JdbcPubSubStore implements PubSubStore, HealthCheck {

    static final String PID = "io.switchboard.pubsub.store.jdbc";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPubSubStore.class);
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS pubsub_nodes (name VARCHAR(1024) PRIMARY KEY, owner VARCHAR(1024),"
                    + " max_items INT NOT NULL, send_last BOOLEAN NOT NULL)",
            "CREATE TABLE IF NOT EXISTS pubsub_subscriptions (node VARCHAR(1024) NOT NULL, jid VARCHAR(1024) NOT NULL,"
                    + " subid VARCHAR(64) NOT NULL, PRIMARY KEY (node, jid))",
            "CREATE TABLE IF NOT EXISTS pubsub_items (node VARCHAR(1024) NOT NULL, item_id VARCHAR(1024) NOT NULL,"
                    + " seq BIGINT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (node, item_id))");

    /** Work in one transaction. */
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final DataSource source;
    private final String url;
    private Connection connection; // guarded by this

    @Activate
    public JdbcPubSubStore(@Reference(name = "dataSourceFactory") DataSourceFactory factory, JdbcStoreConfiguration config)
            throws SQLException {
        this.url = config.url();
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, config.url());
        if (!config.user().isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, config.user());
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, config.password());
        }
        try {
            source = factory.createDataSource(properties);
            transaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String table : SCHEMA) {
                        statement.execute(table);
                    }
                }
                return null;
            });
        } catch (SQLException | StoreException e) {
            // the URL, user and password are named; the password never is
            throw new SQLException(PID + ": cannot use the database at url " + redacted(config.url()) + ": " + e.getMessage(), e);
        }
        LOG.info("Publish-subscribe store: {}", redacted(config.url()));
    }

    @Deactivate
    synchronized void deactivate() {
        closeConnection();
    }

    @Override
    public List<StoredNode> load() {
        return transaction(connection -> {
            Map<String, StoredNode> nodes = new LinkedHashMap<>();
            Map<String, List<StoredSubscription>> subscriptions = new LinkedHashMap<>();
            Map<String, List<StoredItem>> items = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT name, owner, max_items, send_last FROM pubsub_nodes")) {
                    while (rows.next()) {
                        String name = rows.getString(1);
                        nodes.put(name, new StoredNode(name, rows.getString(2), rows.getInt(3), rows.getBoolean(4), List.of(), List.of()));
                        subscriptions.put(name, new ArrayList<>());
                        items.put(name, new ArrayList<>());
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT node, jid, subid FROM pubsub_subscriptions")) {
                    while (rows.next()) {
                        subscriptions.getOrDefault(rows.getString(1), new ArrayList<>())
                                .add(new StoredSubscription(rows.getString(2), rows.getString(3)));
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT node, item_id, payload FROM pubsub_items ORDER BY node, seq DESC")) {
                    while (rows.next()) {
                        items.getOrDefault(rows.getString(1), new ArrayList<>()).add(new StoredItem(rows.getString(2), rows.getString(3)));
                    }
                }
            }
            return nodes.values().stream().map(node -> new StoredNode(node.name(), node.owner(), node.maxItems(),
                    node.sendLastPublishedItem(), subscriptions.get(node.name()), items.get(node.name()))).toList();
        });
    }

    @Override
    public void saveNode(StoredNode node) {
        transaction(connection -> {
            update(connection, "DELETE FROM pubsub_nodes WHERE name = ?", node.name());
            update(connection, "INSERT INTO pubsub_nodes (name, owner, max_items, send_last) VALUES (?, ?, ?, ?)",
                    node.name(), node.owner(), node.maxItems(), node.sendLastPublishedItem());
            return null;
        });
    }

    @Override
    public void deleteNode(String node) {
        transaction(connection -> {
            update(connection, "DELETE FROM pubsub_items WHERE node = ?", node);
            update(connection, "DELETE FROM pubsub_subscriptions WHERE node = ?", node);
            update(connection, "DELETE FROM pubsub_nodes WHERE name = ?", node);
            return null;
        });
    }

    @Override
    public void saveSubscription(String node, StoredSubscription subscription) {
        transaction(connection -> {
            update(connection, "DELETE FROM pubsub_subscriptions WHERE node = ? AND jid = ?", node, subscription.jid());
            update(connection, "INSERT INTO pubsub_subscriptions (node, jid, subid) VALUES (?, ?, ?)",
                    node, subscription.jid(), subscription.subid());
            return null;
        });
    }

    @Override
    public void deleteSubscription(String node, String jid) {
        transaction(connection -> update(connection, "DELETE FROM pubsub_subscriptions WHERE node = ? AND jid = ?", node, jid));
    }

    @Override
    public void saveItem(String node, StoredItem item, int maxItems) {
        transaction(connection -> {
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
        });
    }

    @Override
    public void deleteItem(String node, String itemId) {
        transaction(connection -> update(connection, "DELETE FROM pubsub_items WHERE node = ? AND item_id = ?", node, itemId));
    }

    @Override
    public void purge(String node) {
        transaction(connection -> update(connection, "DELETE FROM pubsub_items WHERE node = ?", node));
    }

    /** The health check "database": the store's connection answers within two seconds. */
    @Override
    public HealthResult check() {
        try {
            return transaction(connection -> connection.isValid(2))
                    ? HealthResult.ok("the pubsub database at " + redacted(url) + " answers")
                    : HealthResult.failed("the pubsub database at " + redacted(url) + " does not answer");
        } catch (StoreException e) {
            return HealthResult.failed(e.getMessage());
        }
    }

    private synchronized <T> T transaction(Work<T> work) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = source.getConnection();
                connection.setAutoCommit(false);
            }
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            closeConnection(); // perhaps the database went away: reconnect at the next change
            throw new StoreException("the pubsub store at " + redacted(url) + " failed: " + e.getMessage(), e);
        }
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR); // the only nullable column is a string (owner)
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
        return statement;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // gone already
            }
            connection = null;
        }
    }

    /** The URL without its options, which may carry credentials. */
    private static String redacted(String url) {
        int options = url.indexOf('?');
        return options < 0 ? url : url.substring(0, options) + "?…";
    }
}
