package io.switchboard.health.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.apache.felix.hc.api.Result;
import org.junit.Test;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.testing.MemoryAccounts;

/** Which accounts still have the demo password, and what the check says of them. */
public class DemoPasswordsTest {

    @Test
    public void everyAccountWithTheDemoPasswordIsNamedTheAdminIncluded() {
        MemoryAccounts store = new MemoryAccounts().with(Map.of("admin", "1234", "agent1", "1234", "agent2", "mine", "carol", "1234"));

        assertEquals(List.of("admin", "agent1", "carol"), DemoPasswords.accounts(store));
        Result warn = DemoPasswordCheck.result(DemoPasswords.accounts(store));
        assertEquals(Result.Status.WARN, warn.getStatus());
        assertTrue(warn.toString(), warn.iterator().next().getMessage().startsWith("accounts with the demo password 1234: admin, agent1, carol;"));
    }

    @Test
    public void noneLeftIsOk() {
        Result ok = DemoPasswordCheck.result(DemoPasswords.accounts(new MemoryAccounts().with(Map.of("admin", "long and mine"))));
        assertEquals(Result.Status.OK, ok.getStatus());
        assertEquals("no account has the demo password", ok.iterator().next().getMessage());
    }

    @Test
    public void aLargeStoreIsCheckedForTheShippedAccountsOnly() {
        Map<String, String> passwords = new TreeMap<>();
        IntStream.range(0, DemoPasswords.MOST_ACCOUNTS).forEach(i -> passwords.put("user" + i, "1234"));
        passwords.put("admin", "1234");
        passwords.put("agent3", "1234");

        assertEquals(List.of("admin", "agent3"), DemoPasswords.accounts(new MemoryAccounts().with(passwords)));
    }

    @Test
    public void aProviderThatIsNoStoreOfOursIsNeverAsked() {
        AuthProvider directory = new AuthProvider() {
            @Override
            public boolean authenticate(String username, String password) {
                throw new AssertionError("a wrong password may lock the account in a directory");
            }

            @Override
            public boolean exists(String username) {
                return true;
            }
        };
        assertEquals(List.of(), DemoPasswords.accounts(directory));
    }
}
