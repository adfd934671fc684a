package io.switchboard.tools;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.switchboard.credentials.UserCredentials;

public class AddUserTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Properties users(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    public void aNewUserGetsSaltedCredentialsInTheConfiguredFileBesideTheOthers() throws IOException {
        Path home = folder.getRoot().toPath();
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/io.switchboard.auth.file.cfg"), "file = \"data/people.properties\"\n");
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/people.properties"), "agent1 = " + UserCredentials.create("1234", 4096).encode() + "\n");

        assertTrue(AddUser.run(false, "Admin", "s3cret pass", home).startsWith("Added admin to "));

        String text = Files.readString(home.resolve("data/people.properties"));
        assertFalse("never the password itself", text.contains("s3cret"));
        Properties users = users(home.resolve("data/people.properties"));
        assertTrue(UserCredentials.decode(users.getProperty("admin")).verify("s3cret pass"));
        assertTrue(UserCredentials.decode(users.getProperty("agent1")).verify("1234"));
        assertTrue(users.getProperty("admin").startsWith("scram-sha-256:4096:"));
    }

    @Test
    public void adduserRefusesAnExistingUserAndPasswdChangesOnlyAnExistingOne() throws IOException {
        Path home = folder.getRoot().toPath();
        AddUser.run(false, "admin", "first", home);
        assertThrows(IllegalStateException.class, () -> AddUser.run(false, "admin", "second", home));
        assertThrows(IllegalStateException.class, () -> AddUser.run(true, "nobody", "second", home));

        AddUser.run(true, "admin", "second", home);
        String encoded = users(home.resolve("config/users.properties")).getProperty("admin");
        assertTrue(UserCredentials.decode(encoded).verify("second"));
        assertFalse(UserCredentials.decode(encoded).verify("first"));
    }

    @Test
    public void badNamesAndPasswordsAreRefusedWithTheReason() {
        Path home = folder.getRoot().toPath();
        assertEquals("no password given",
                assertThrows(IllegalArgumentException.class, () -> AddUser.run(false, "admin", "", home)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddUser.run(false, "ad@min", "pw", home))
                .getMessage().contains("not a valid user name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddUser.run(false, "admin", "a\u0007b", home))
                .getMessage().contains("SASLprep"));
        assertFalse(Files.exists(home.resolve("config/users.properties")));
    }
}
