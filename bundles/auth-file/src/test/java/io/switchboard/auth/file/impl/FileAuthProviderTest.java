package io.switchboard.auth.file.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.switchboard.credentials.SaltedCredential;
import io.switchboard.testing.Configurations;

/** The provider and its Gogo commands over a real users file in a temporary folder. */
public class FileAuthProviderTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file;
    private FileAuthProvider provider;

    @Before
    public void setUp() {
        file = folder.getRoot().toPath().resolve("config").resolve("users.properties");
        provider = new FileAuthProvider(config(file, 4096));
    }

    // ---- adduser --------------------------------------------------------------------------------

    @Test
    public void adduserCreatesTheFileAndTheUserCanLogIn() throws IOException {
        String answer = provider.adduser("alice", "pencil");

        assertEquals("Added alice to " + file, answer);
        assertTrue(Files.exists(file));
        assertTrue(provider.exists("alice"));
        assertTrue(provider.authenticate("alice", "pencil"));
        assertFalse(provider.authenticate("alice", "crayon"));
    }

    @Test
    public void aBackupIsACopyOfTheFileUnderItsOwnNameThatLogsInFromAnotherProvider() throws IOException {
        provider.adduser("alice", "pencil");
        Path backup = Files.createDirectories(file.getParent().resolveSibling("backup"));

        String line = provider.backupTo(backup);

        Path copy = backup.resolve(file.getFileName());
        assertEquals("io.switchboard.auth.file: " + file + " to " + copy.toAbsolutePath(), line);
        assertTrue(new FileAuthProvider(config(copy, 4096)).authenticate("alice", "pencil"));
    }

    @Test
    public void adduserNormalisesTheNameAsAJidLocalPart() throws IOException {
        provider.adduser("Alice", "pencil");

        assertTrue(provider.authenticate("alice", "pencil"));
        assertEquals("alice", provider.users());
    }

    @Test
    public void adduserOfAnExistingUserKeepsTheOldPassword() throws IOException {
        provider.adduser("alice", "pencil");

        String answer = provider.adduser("alice", "crayon");

        assertEquals("User alice exists already; use passwd to change the password", answer);
        assertTrue(provider.authenticate("alice", "pencil"));
        assertFalse(provider.authenticate("alice", "crayon"));
    }

    @Test
    public void aPasswordSaslprepProhibitsIsRefusedWithTheReasonAndOneItPreparesLogsInAsTyped() throws IOException {
        assertEquals("User alice not added: " + SaltedCredential.PROHIBITED, provider.adduser("alice", "a\u0007b"));
        assertFalse(provider.exists("alice"));

        // RFC 4013 3: a soft hyphen maps to nothing, U+2168 (Roman numeral nine) to "IX"
        provider.adduser("alice", "I\u00ADX\u2168");
        assertEquals("Password of alice not changed: " + SaltedCredential.PROHIBITED, provider.passwd("alice", "a\u0007b"));
        assertTrue(provider.authenticate("alice", "IXIX"));
        assertTrue(provider.authenticate("alice", "\u2168\u2168"));
        assertFalse(provider.authenticate("alice", "I\u00ADX"));
    }

    @Test
    public void usersWrittenByOneProviderLogInThroughAnother() throws IOException {
        // names with characters the properties syntax treats specially survive the round trip
        String[] names = {"alice", "a=b", "#admin", "!bang", "back\\slash", "zoë"};
        for (String name : names) {
            assertTrue(provider.adduser(name, "pw-" + name).startsWith("Added"));
        }

        FileAuthProvider restarted = new FileAuthProvider(config(file, 4096));

        for (String name : names) {
            assertTrue(name, restarted.authenticate(name, "pw-" + name));
        }
    }

    @Test
    public void iterationsBelowTheMinimumAreRaisedTo4096() throws IOException {
        FileAuthProvider weak = new FileAuthProvider(config(file, 10));

        weak.adduser("alice", "pencil");

        assertTrue(read(file).contains(" = scram-sha-256:4096:"));
    }

    // ---- passwd ---------------------------------------------------------------------------------

    @Test
    public void passwdChangesThePassword() throws IOException {
        provider.adduser("alice", "pencil");

        assertEquals("Password of alice changed", provider.passwd("alice", "crayon"));

        assertTrue(provider.authenticate("alice", "crayon"));
        assertFalse(provider.authenticate("alice", "pencil"));
    }

    @Test
    public void passwdOfAnUnknownUserCreatesNobody() throws IOException {
        assertEquals("No such user: bob", provider.passwd("bob", "crayon"));

        assertFalse(provider.exists("bob"));
    }

    // ---- deluser --------------------------------------------------------------------------------

    @Test
    public void deluserRemovesOnlyThatUser() throws IOException {
        provider.adduser("alice", "pencil");
        provider.adduser("bob", "crayon");

        assertEquals("Deleted alice", provider.deluser("alice"));

        assertFalse(provider.exists("alice"));
        assertFalse(provider.authenticate("alice", "pencil"));
        assertTrue(provider.authenticate("bob", "crayon"));
    }

    @Test
    public void deluserOfAnUnknownUserSaysSo() throws IOException {
        assertEquals("No such user: bob", provider.deluser("bob"));
    }

    // ---- users ----------------------------------------------------------------------------------

    @Test
    public void usersListsTheNamesInOrder() throws IOException {
        provider.adduser("carol", "c");
        provider.adduser("alice", "a");
        provider.adduser("bob", "b");

        assertEquals("alice\nbob\ncarol", provider.users());
    }

    @Test
    public void usersOfAnEmptyStoreNamesTheFile() {
        assertEquals("No users in " + file, provider.users());
    }

    // ---- the file on disk -----------------------------------------------------------------------

    @Test
    public void theFileNeverContainsThePassword() throws IOException {
        provider.adduser("alice", "pencil-1234");
        assertFalse(read(file).contains("pencil-1234"));

        provider.passwd("alice", "crayon-5678");
        String content = read(file);
        assertFalse(content.contains("crayon-5678"));
        assertFalse(content.contains("pencil-1234"));
        assertTrue(content.contains("alice = scram-sha-256:"));
    }

    @Test
    public void writingLeavesNoTemporaryFilesBehind() throws IOException {
        provider.adduser("alice", "pencil");
        provider.passwd("alice", "crayon");
        provider.deluser("alice");

        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    public void aFileEditedExternallyIsPickedUp() throws IOException {
        provider.adduser("alice", "pencil");
        assertTrue(provider.authenticate("alice", "pencil"));
        FileTime before = Files.getLastModifiedTime(file);

        // an operator replaces alice by bob in an editor
        Files.writeString(file, "bob = " + SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "crayon", 4096).encode() + "\n");
        // a distinct time, so the change is seen even on a file system with coarse timestamps
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + TimeUnit.HOURS.toMillis(1)));

        assertFalse(provider.exists("alice"));
        assertFalse(provider.authenticate("alice", "pencil"));
        assertTrue(provider.authenticate("bob", "crayon"));
        assertEquals("bob", provider.users());
    }

    @Test
    public void aMalformedLineIsSkippedWhileOtherUsersStillLogIn() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "# hand-edited",
                "alice = " + SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "pencil", 4096).encode(),
                "bob = crayon",
                "carol = scram-sha-256:lots:AAAA:AAAA:AAAA",
                "erin = " + SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "eraser", 4096).encode().replaceFirst(":4096:[^:]+:", ":4096::"),
                "dave = " + SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "marker", 4096).encode(),
                ""));

        assertTrue(provider.authenticate("alice", "pencil"));
        assertTrue(provider.authenticate("dave", "marker"));
        assertFalse(provider.exists("bob"));
        assertFalse(provider.authenticate("bob", "crayon"));
        assertFalse(provider.exists("carol"));
        // an empty salt is refused when the file is read, not when erin next logs in
        assertFalse(provider.exists("erin"));
        assertFalse(provider.authenticate("erin", "eraser"));
        assertEquals("alice\ndave", provider.users());
    }

    @Test
    public void aMissingFileMeansNobodyLogsIn() {
        assertFalse(Files.exists(file));

        assertFalse(provider.authenticate("alice", "pencil"));
        assertFalse(provider.exists("alice"));
        assertEquals("No users in " + file, provider.users());
    }

    @Test
    public void aFileDeletedAfterLoadingMeansNobodyLogsIn() throws IOException {
        provider.adduser("alice", "pencil");
        assertTrue(provider.authenticate("alice", "pencil"));

        Files.delete(file);

        assertFalse(provider.authenticate("alice", "pencil"));
        assertFalse(provider.exists("alice"));
    }

    @Test
    public void adduserRecreatesADeletedFile() throws IOException {
        provider.adduser("alice", "pencil");
        Files.delete(file);

        provider.adduser("bob", "crayon");

        assertTrue(provider.authenticate("bob", "crayon"));
        assertFalse(provider.exists("alice"));
    }

    // ---- AccountStore -----------------------------------------------------------------------------

    @Test
    public void createdAccountsLogInAndAreListedInOrder() {
        assertTrue(provider.create("bob", "crayon"));
        assertTrue(provider.create("alice", "pencil"));

        assertTrue(provider.authenticate("alice", "pencil"));
        assertEquals(java.util.List.of("alice", "bob"), provider.list());
    }

    @Test
    public void createOfAnExistingAccountKeepsItsPassword() {
        provider.create("alice", "pencil");

        assertFalse(provider.create("alice", "crayon"));

        assertTrue(provider.authenticate("alice", "pencil"));
    }

    @Test
    public void changePasswordReplacesTheOldOneAndKeepsTheAccountDisabled() {
        provider.create("alice", "pencil");
        provider.setDisabled("alice", true);

        assertTrue(provider.changePassword("alice", "crayon"));

        assertTrue(provider.authenticate("alice", "crayon"));
        assertFalse(provider.authenticate("alice", "pencil"));
        assertTrue(provider.isDisabled("alice"));
        assertFalse(provider.changePassword("nobody", "crayon"));
    }

    @Test
    public void disableThenEnableIsReadBackFromTheFile() throws IOException {
        provider.create("alice", "pencil");

        assertTrue(provider.setDisabled("alice", true));
        assertTrue(read(file).contains("alice = disabled scram-sha-256:"));
        assertTrue(new FileAuthProvider(config(file, 4096)).isDisabled("alice"));

        assertTrue(provider.setDisabled("alice", false));
        assertFalse(provider.isDisabled("alice"));
        assertFalse(provider.setDisabled("nobody", true));
        assertFalse(provider.isDisabled("nobody"));
    }

    @Test
    public void deleteRemovesTheAccountOnce() {
        provider.create("alice", "pencil");

        assertTrue(provider.delete("alice"));
        assertFalse(provider.delete("alice"));

        assertFalse(provider.exists("alice"));
    }

    @Test
    public void aFileThatCannotBeWrittenIsAnAccountStoreException() throws IOException {
        Files.createDirectories(file.getParent().getParent());
        Files.writeString(file.getParent(), "a file where the folder should be");

        io.switchboard.api.accounts.AccountStoreException thrown = org.junit.Assert.assertThrows(
                io.switchboard.api.accounts.AccountStoreException.class, () -> provider.create("alice", "pencil"));

        assertTrue(thrown.getMessage(), thrown.getMessage().contains(file.toString()));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    /** What Configuration Admin would hand the component. */
    static FileAuthConfiguration config(Path file, int iterations) {
        return Configurations.of(FileAuthConfiguration.class, "file", file.toString(), "iterations", iterations);
    }
}
