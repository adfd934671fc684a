package io.switchboard.sasl.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.api.auth.AuthProvider;

/** Users and plain passwords in a map; remembers which user names it was asked about. */
final class InMemoryAuthProvider implements AuthProvider {

    private final Map<String, String> passwords = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    InMemoryAuthProvider with(String username, String password) {
        passwords.put(username, password);
        return this;
    }

    @Override
    public boolean authenticate(String username, String password) {
        asked.add(username);
        return password.equals(passwords.get(username));
    }

    @Override
    public boolean exists(String username) {
        return passwords.containsKey(username);
    }
}
