package io.switchboard.health.impl;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.auth.AuthProvider;

/**
 * The accounts that still log in with the demo password the distribution ships (config/users.properties).
 * Only a store the server writes (an {@link AccountStore}: the users file, a database) can hold it;
 * a directory or a token service is never asked, since a wrong password there may count towards
 * locking the account. Each check derives a salted key per account, so a store with more than
 * {@value #MOST_ACCOUNTS} accounts is checked for the accounts the distribution ships only.
 */
final class DemoPasswords {

    static final String PASSWORD = "1234";
    /** The accounts of the shipped users file. */
    static final List<String> SHIPPED = List.of("admin", "agent1", "agent2", "agent3", "agent4", "agent5", "agent6",
            "supervisor1", "supervisor2");
    static final int MOST_ACCOUNTS = 50;

    private DemoPasswords() {
    }

    /** The accounts with the demo password, sorted; none when the provider is not a store the server writes. */
    static List<String> accounts(AuthProvider provider) {
        if (!(provider instanceof AccountStore store)) {
            return List.of();
        }
        List<String> all;
        try {
            all = store.list();
        } catch (RuntimeException e) {
            return List.of(); // the store cannot be asked now: its own check says so
        }
        List<String> candidates = all.size() <= MOST_ACCOUNTS ? all : SHIPPED.stream().filter(all::contains).toList();
        List<String> demo = new ArrayList<>();
        for (String account : candidates) {
            try {
                if (provider.authenticate(account, PASSWORD)) {
                    demo.add(account);
                }
            } catch (RuntimeException e) {
                // a store that fails now: say nothing of this account
            }
        }
        return demo.stream().sorted().toList();
    }
}
