package io.switchboard.auth.file.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.accounts.AccountStoreException;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.backup.BackupSource;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.credentials.SaltedCredential;
import io.switchboard.credentials.UserCredentials;

/**
 * Authenticates against the users file, writes it as an {@link AccountStore}, and offers the Gogo commands that manage it
 * ({@code switchboard:adduser}, {@code passwd}, {@code deluser}, {@code users}).
 */
@Component(service = {AuthProvider.class, AccountStore.class, BackupSource.class}, configurationPid = "io.switchboard.auth.file", property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=adduser",
        "osgi.command.function=passwd",
        "osgi.command.function=deluser",
        "osgi.command.function=users"})
@Designate(ocd = FileAuthConfiguration.class)
public class FileAuthProvider implements AuthProvider, AccountStore, BackupSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileAuthProvider.class);
    private static final Set<String> SCRAM_MECHANISMS = Set.of(ScramCredential.SHA_256, ScramCredential.SHA_1);

    private final UsersFile file;
    private final int iterations;

    @Activate
    public FileAuthProvider(FileAuthConfiguration config) {
        this.file = new UsersFile(Path.of(config.file()));
        this.iterations = Math.max(config.iterations(), SaltedCredential.DEFAULT_ITERATIONS);
    }

    /** The password alone: whether the account is disabled is {@link #isDisabled}'s to say. */
    @Override
    public boolean authenticate(String username, String password) {
        UserAccount account = file.users().get(username);
        return account != null && account.credentials().verify(password);
    }

    @Override
    public boolean exists(String username) {
        return file.users().containsKey(username);
    }

    @Override
    public Set<String> scramMechanisms() {
        return SCRAM_MECHANISMS;
    }

    @Override
    public Optional<ScramCredential> scramCredential(String username, String mechanism) {
        UserAccount account = file.users().get(username);
        return account == null ? Optional.empty() : account.credentials().scram(mechanism);
    }

    // ---- AccountStore -------------------------------------------------------------------------

    @Override
    public boolean create(String username, String password) {
        return write(username, () -> {
            if (file.users().containsKey(username)) {
                return false;
            }
            file.put(username, new UserAccount(UserCredentials.create(password, iterations), false));
            return true;
        });
    }

    @Override
    public boolean delete(String username) {
        return write(username, () -> file.remove(username));
    }

    @Override
    public boolean changePassword(String username, String password) {
        return write(username, () -> {
            UserAccount account = file.users().get(username);
            if (account == null) {
                return false;
            }
            file.put(username, account.withCredentials(UserCredentials.create(password, iterations)));
            return true;
        });
    }

    @Override
    public boolean setDisabled(String username, boolean disabled) {
        return write(username, () -> {
            UserAccount account = file.users().get(username);
            if (account == null) {
                return false;
            }
            if (account.disabled() != disabled) {
                file.put(username, account.withDisabled(disabled));
            }
            return true;
        });
    }

    @Override
    public boolean isDisabled(String username) {
        UserAccount account = file.users().get(username);
        return account != null && account.disabled();
    }

    @Override
    public List<String> list() {
        return List.copyOf(file.users().keySet());
    }

    /** One read and write of the file at a time, so that two writers never lose each other's change. */
    private boolean write(String username, FileWrite write) {
        synchronized (file) {
            try {
                return write.run();
            } catch (IOException | UncheckedIOException e) {
                LOG.error("{}: cannot write the account of {}", file.path(), username, e);
                throw new AccountStoreException("the users file " + file.path() + " cannot be written: " + e.getMessage(), e);
            }
        }
    }

    private interface FileWrite {
        boolean run() throws IOException;
    }

    // ---- BackupSource ---------------------------------------------------------------------------

    /** switchboard:backup: the users file as it is between two writes, under its own name. */
    @Override
    public String backupTo(Path folder) throws IOException {
        Path copy = folder.resolve(file.path().getFileName());
        synchronized (file) {
            file.copyTo(copy);
        }
        return "io.switchboard.auth.file: " + file.path() + " to " + copy.toAbsolutePath();
    }

    // ---- Gogo commands ------------------------------------------------------------------------

    /** adduser NAME PASSWORD: creates a user. */
    public String adduser(String name, String password) throws IOException {
        String user = JID.nodeprep(name);
        if (!SaltedCredential.preparable(password)) {
            return "User " + user + " not added: " + SaltedCredential.PROHIBITED;
        }
        if (file.users().containsKey(user)) {
            return "User " + user + " exists already; use passwd to change the password";
        }
        file.put(user, new UserAccount(UserCredentials.create(password, iterations), false));
        return "Added " + user + " to " + file.path();
    }

    /** passwd NAME PASSWORD: sets a user's password. */
    public String passwd(String name, String password) throws IOException {
        String user = JID.nodeprep(name);
        if (!SaltedCredential.preparable(password)) {
            return "Password of " + user + " not changed: " + SaltedCredential.PROHIBITED;
        }
        UserAccount account = file.users().get(user);
        if (account == null) {
            return "No such user: " + user;
        }
        file.put(user, account.withCredentials(UserCredentials.create(password, iterations)));
        return "Password of " + user + " changed";
    }

    /** deluser NAME: deletes a user; sessions already open stay open. */
    public String deluser(String name) throws IOException {
        String user = JID.nodeprep(name);
        return file.remove(user) ? "Deleted " + user : "No such user: " + user;
    }

    /** users: lists the user names. */
    public String users() {
        Map<String, UserAccount> users = file.users();
        return users.isEmpty() ? "No users in " + file.path() : String.join("\n", users.keySet());
    }
}
