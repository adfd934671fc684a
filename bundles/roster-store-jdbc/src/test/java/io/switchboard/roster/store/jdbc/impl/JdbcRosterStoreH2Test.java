package io.switchboard.roster.store.jdbc.impl;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.SQLException;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.jdbc.DataSourceFactory;

/** The store on a real H2 file database in a temporary folder, as the distribution runs it by default. */
public class JdbcRosterStoreH2Test extends JdbcRosterStoreContract {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private int databases;

    @Override
    protected DataSourceFactory factory() {
        return new OsgiDataSourceFactory(new org.h2.Driver());
    }

    @Override
    protected Object[] freshDatabase() {
        return new Object[] {"url", "jdbc:h2:" + folder.getRoot().toPath().resolve("roster" + ++databases) + ";WRITE_DELAY=0"};
    }

    @Test
    public void anUnusableDatabaseIsRefusedNamingTheUrl() {
        try {
            open("url", "jdbc:h2:" + folder.getRoot().toPath().resolve("roster") + ";NO_SUCH_SETTING=1");
            fail("an unusable URL activated the store");
        } catch (SQLException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("io.switchboard.roster.store.jdbc: cannot use the database at url jdbc:h2:"));
        }
    }
}
