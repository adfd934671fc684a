package io.switchboard.auth.file.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.switchboard.credentials.UserCredentials;

public class UsersFileTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static final UserCredentials ALICE = UserCredentials.create("pencil", 4096);

    @Test
    public void putWritesACommentedHeaderAndOneLinePerUser() throws IOException {
        Path path = folder.getRoot().toPath().resolve("users.properties");
        UsersFile file = new UsersFile(path);

        file.put("alice", ALICE);

        assertEquals(String.join("\n",
                "# Switchboard users: name = salted SCRAM credentials (never a password).",
                "# Manage with the Gogo commands adduser, passwd, deluser and users.",
                "alice = " + ALICE.encode(),
                ""), Files.readString(path));
    }

    @Test
    public void usersReflectsWhatWasPut() throws IOException {
        UsersFile file = new UsersFile(folder.getRoot().toPath().resolve("users.properties"));

        file.put("alice", ALICE);

        Map<String, UserCredentials> users = file.users();
        assertEquals(1, users.size());
        assertEquals(ALICE.encode(), users.get("alice").encode());
    }

    @Test
    public void removeOfAnUnknownUserLeavesTheFileAlone() throws IOException {
        Path path = folder.getRoot().toPath().resolve("users.properties");
        UsersFile file = new UsersFile(path);

        assertFalse(file.remove("alice"));
        assertFalse("nothing to remove, nothing written", Files.exists(path));
    }

    @Test
    public void removeOfAKnownUserRewritesTheFile() throws IOException {
        Path path = folder.getRoot().toPath().resolve("users.properties");
        UsersFile file = new UsersFile(path);
        file.put("alice", ALICE);

        assertTrue(file.remove("alice"));

        assertTrue(file.users().isEmpty());
        assertFalse(Files.readString(path).contains("alice"));
    }
}
