package io.switchboard.roster.store.jdbc.impl;

import static io.switchboard.jdbc.JdbcConnection.prepare;
import static io.switchboard.jdbc.JdbcConnection.update;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.xmpp.packet.JID;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.RosterItem.Subscription;
import io.switchboard.api.roster.store.RosterStore;
import io.switchboard.api.roster.store.RosterStoreException;
import io.switchboard.api.backup.BackupSource;
import io.switchboard.jdbc.DatabaseBackup;
import io.switchboard.jdbc.JdbcConnection;
import io.switchboard.jdbc.JdbcSettings;
import io.switchboard.jdbc.health.JdbcHealth;

/**
 * Rosters in a relational database: items, their groups, each roster's version and the pending
 * subscription requests, in four tables created on first use. Every change is one transaction,
 * committed before it returns.
 */
@Component(service = {RosterStore.class, HealthCheck.class, BackupSource.class}, configurationPid = JdbcRosterStore.PID,
        property = {HealthCheck.NAME + "=rosters", HealthCheck.TAGS + "=switchboard", HealthCheck.TAGS + "=default"})
@Designate(ocd = JdbcRosterConfiguration.class)
public class JdbcRosterStore implements RosterStore, HealthCheck, BackupSource {

    static final String PID = "io.switchboard.roster.store.jdbc";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRosterStore.class);
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS roster_versions (owner VARCHAR(1024) PRIMARY KEY, version BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS roster_items (owner VARCHAR(1024) NOT NULL, contact VARCHAR(1024) NOT NULL,"
                    + " name VARCHAR(1024), subscription VARCHAR(8) NOT NULL, ask_out BOOLEAN NOT NULL, PRIMARY KEY (owner, contact))",
            "CREATE TABLE IF NOT EXISTS roster_groups (owner VARCHAR(1024) NOT NULL, contact VARCHAR(1024) NOT NULL,"
                    + " group_name VARCHAR(1024) NOT NULL, PRIMARY KEY (owner, contact, group_name))",
            "CREATE TABLE IF NOT EXISTS roster_pending_in (owner VARCHAR(1024) NOT NULL, contact VARCHAR(1024) NOT NULL,"
                    + " PRIMARY KEY (owner, contact))");

    private final JdbcSettings settings;
    private final JdbcConnection database;

    @Activate
    public JdbcRosterStore(@Reference(name = "dataSourceFactory") DataSourceFactory factory, JdbcRosterConfiguration config)
            throws SQLException {
        settings = new JdbcSettings(PID, config.url(), config.user(), config.password());
        database = new JdbcConnection(factory, settings, JdbcConnection.schema(SCHEMA));
        LOG.info("Roster store: {}", database.redactedUrl());
    }

    @Deactivate
    void deactivate() {
        database.close();
    }

    /** switchboard:backup: the H2 database as roster.zip, through this store's connection. */
    @Override
    public String backupTo(Path folder) throws IOException {
        return DatabaseBackup.backup(database, settings, folder, "roster");
    }

    @Override
    public StoredRoster load(JID user) {
        String owner = user.toBareJID();
        return transaction(connection -> {
            long version = 0;
            try (PreparedStatement query = prepare(connection, "SELECT version FROM roster_versions WHERE owner = ?", owner);
                    ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    version = row.getLong(1);
                }
            }
            Map<String, Set<String>> groups = new LinkedHashMap<>();
            try (PreparedStatement query = prepare(connection, "SELECT contact, group_name FROM roster_groups WHERE owner = ?", owner);
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    groups.computeIfAbsent(rows.getString(1), contact -> new HashSet<>()).add(rows.getString(2));
                }
            }
            List<RosterItem> items = new ArrayList<>();
            try (PreparedStatement query = prepare(connection,
                    "SELECT contact, name, subscription, ask_out FROM roster_items WHERE owner = ? ORDER BY contact", owner);
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String contact = rows.getString(1);
                    items.add(new RosterItem(new JID(contact), rows.getString(2), Subscription.valueOf(rows.getString(3)),
                            rows.getBoolean(4), groups.getOrDefault(contact, Set.of())));
                }
            }
            Set<JID> pending = new HashSet<>();
            try (PreparedStatement query = prepare(connection, "SELECT contact FROM roster_pending_in WHERE owner = ?", owner);
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.add(new JID(rows.getString(1)));
                }
            }
            return new StoredRoster(version, items, pending);
        });
    }

    @Override
    public void saveItem(JID user, RosterItem item, long version) {
        String owner = user.toBareJID();
        String contact = item.contact().toBareJID();
        transaction(connection -> {
            deleteItem(connection, owner, contact);
            update(connection, "INSERT INTO roster_items (owner, contact, name, subscription, ask_out) VALUES (?, ?, ?, ?, ?)",
                    owner, contact, item.name(), item.subscription().name(), item.askOut());
            for (String group : item.groups()) {
                update(connection, "INSERT INTO roster_groups (owner, contact, group_name) VALUES (?, ?, ?)", owner, contact, group);
            }
            saveVersion(connection, owner, version);
            return null;
        });
    }

    @Override
    public void deleteItem(JID user, JID contact, long version) {
        String owner = user.toBareJID();
        transaction(connection -> {
            deleteItem(connection, owner, contact.toBareJID());
            saveVersion(connection, owner, version);
            return null;
        });
    }

    @Override
    public void savePendingIn(JID user, JID contact, boolean pending) {
        String owner = user.toBareJID();
        transaction(connection -> {
            update(connection, "DELETE FROM roster_pending_in WHERE owner = ? AND contact = ?", owner, contact.toBareJID());
            if (pending) {
                update(connection, "INSERT INTO roster_pending_in (owner, contact) VALUES (?, ?)", owner, contact.toBareJID());
            }
            return null;
        });
    }

    private static void deleteItem(Connection connection, String owner, String contact) throws SQLException {
        update(connection, "DELETE FROM roster_groups WHERE owner = ? AND contact = ?", owner, contact);
        update(connection, "DELETE FROM roster_items WHERE owner = ? AND contact = ?", owner, contact);
    }

    private static void saveVersion(Connection connection, String owner, long version) throws SQLException {
        update(connection, "DELETE FROM roster_versions WHERE owner = ?", owner);
        update(connection, "INSERT INTO roster_versions (owner, version) VALUES (?, ?)", owner, version);
    }

    /** The health check "rosters": the roster database answers within two seconds. */
    @Override
    public Result execute() {
        return JdbcHealth.check(database, "roster", 2);
    }

    private <T> T transaction(JdbcConnection.Work<T> work) {
        try {
            return database.transaction(work);
        } catch (IllegalStateException e) {
            throw new RosterStoreException("the roster store failed: " + e.getMessage(), e);
        }
    }
}
