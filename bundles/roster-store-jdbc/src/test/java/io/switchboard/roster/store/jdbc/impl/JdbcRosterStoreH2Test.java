package io.switchboard.roster.store.jdbc.impl;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.SQLException;

import org.junit.ClassRule;
import org.junit.Test;

import io.switchboard.testing.H2Databases;

/** The store on a real H2 file database in a temporary folder, as the distribution runs it by default. */
public class JdbcRosterStoreH2Test extends JdbcRosterStoreContract {

    @ClassRule
    public static final H2Databases H2 = new H2Databases();

    public JdbcRosterStoreH2Test() {
        super(H2);
    }

    @Test
    public void anUnusableDatabaseIsRefusedNamingTheUrl() {
        try {
            open("url", "jdbc:h2:" + H2.file("roster") + ";NO_SUCH_SETTING=1");
            fail("an unusable URL activated the store");
        } catch (SQLException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("io.switchboard.roster.store.jdbc: cannot use the database at url jdbc:h2:"));
        }
    }
}
