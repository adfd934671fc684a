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

    private static final UserCredentials PENCIL = UserCredentials.create("pencil", 4096);
    private static final UserAccount ALICE = new UserAccount(PENCIL, false);

    @Test
    public void putWritesACommentedHeaderAndOneLinePerUser() throws IOException {
        Path path = folder.getRoot().toPath().resolve("users.properties");
        UsersFile file = new UsersFile(path);

        file.put("alice", ALICE);

        assertEquals(String.join("\n",
                "# Switchboard users: name = salted SCRAM credentials (never a password).",
                "# Manage with the Gogo commands adduser, passwd, deluser and users.",
                "alice = " + PENCIL.encode(),
                ""), Files.readString(path));
    }

    @Test
    public void usersReflectsWhatWasPut() throws IOException {
        UsersFile file = new UsersFile(folder.getRoot().toPath().resolve("users.properties"));

        file.put("alice", ALICE);

        Map<String, UserAccount> users = file.users();
        assertEquals(1, users.size());
        assertEquals(ALICE.encode(), users.get("alice").encode());
        assertFalse(users.get("alice").disabled());
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

    @Test
    public void writingOneUserKeepsTheOtherLinesCommentsAndBlankLinesAsTheyWere() throws IOException {
        Path path = folder.getRoot().toPath().resolve("users.properties");
        String bob = UserCredentials.create("1234", 4096).encode();
        Files.writeString(path, String.join("\n",
                "# the operator's own comment",
                "bob = " + bob,
                "",
                "! another comment",
                "carol : " + bob,
                ""));
        UsersFile file = new UsersFile(path);

        file.put("alice", ALICE);
        file.put("bob", ALICE.withDisabled(true));
        assertTrue(file.remove("carol"));

        assertEquals(String.join("\n",
                "# the operator's own comment",
                "bob = disabled " + PENCIL.encode(),
                "",
                "! another comment",
                "alice = " + PENCIL.encode(),
                ""), Files.readString(path));
    }

    @Test
    public void aDisabledAccountReadsBackDisabledWithItsCredentials() throws IOException {
        Path path = folder.getRoot().toPath().resolve("users.properties");
        UsersFile file = new UsersFile(path);

        file.put("alice", ALICE.withDisabled(true));

        UserAccount read = new UsersFile(path).users().get("alice");
        assertTrue(read.disabled());
        assertTrue(read.credentials().verify("pencil"));
    }

    @Test
    public void aContinuedLineIsReplacedWhole() throws IOException {
        Path path = folder.getRoot().toPath().resolve("users.properties");
        String[] parts = PENCIL.encode().split(" ");
        Files.writeString(path, "alice = " + parts[0] + " \\\n    " + parts[1] + "\n# after\n");
        UsersFile file = new UsersFile(path);
        assertTrue(file.users().get("alice").credentials().verify("pencil"));

        file.put("alice", ALICE.withDisabled(true));

        assertEquals("alice = disabled " + PENCIL.encode() + "\n# after\n", Files.readString(path));
    }
}
