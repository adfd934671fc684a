package io.switchboard.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.auth.AuthProvider;

/** A provider that can write, with plain passwords in memory (sorted by name). */
public final class MemoryAccounts implements AuthProvider, AccountStore {

    public final Map<String, String> passwords = new TreeMap<>();
    public final Set<String> disabled = new TreeSet<>();

    public MemoryAccounts with(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    public MemoryAccounts with(Map<String, String> users) {
        passwords.putAll(users);
        return this;
    }

    @Override
    public boolean authenticate(String username, String password) {
        return password.equals(passwords.get(username));
    }

    @Override
    public boolean exists(String username) {
        return passwords.containsKey(username);
    }

    @Override
    public boolean create(String username, String password) {
        return passwords.putIfAbsent(username, password) == null;
    }

    @Override
    public boolean delete(String username) {
        disabled.remove(username);
        return passwords.remove(username) != null;
    }

    @Override
    public boolean changePassword(String username, String password) {
        return passwords.replace(username, password) != null;
    }

    @Override
    public boolean setDisabled(String username, boolean disable) {
        if (!passwords.containsKey(username)) {
            return false;
        }
        if (disable) {
            disabled.add(username);
        } else {
            disabled.remove(username);
        }
        return true;
    }

    @Override
    public boolean isDisabled(String username) {
        return disabled.contains(username);
    }

    @Override
    public List<String> list() {
        return List.copyOf(passwords.keySet());
    }
}
