package io.switchboard.auth.file.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.xmpp.packet.JID;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.credentials.SaltedCredential;
import io.switchboard.credentials.UserCredentials;

/**
 * Authenticates against the users file, and offers the Gogo commands that manage it
 * ({@code switchboard:adduser}, {@code passwd}, {@code deluser}, {@code users}).
 */
@Component(configurationPid = "io.switchboard.auth.file", property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=adduser",
        "osgi.command.function=passwd",
        "osgi.command.function=deluser",
        "osgi.command.function=users"})
@Designate(ocd = FileAuthConfiguration.class)
public class FileAuthProvider implements AuthProvider {

    private static final Set<String> SCRAM_MECHANISMS = Set.of(ScramCredential.SHA_256, ScramCredential.SHA_1);

    private final UsersFile file;
    private final int iterations;

    @Activate
    public FileAuthProvider(FileAuthConfiguration config) {
        this.file = new UsersFile(Path.of(config.file()));
        this.iterations = Math.max(config.iterations(), SaltedCredential.DEFAULT_ITERATIONS);
    }

    @Override
    public boolean authenticate(String username, String password) {
        UserCredentials credentials = file.users().get(username);
        return credentials != null && credentials.verify(password);
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
        UserCredentials credentials = file.users().get(username);
        return credentials == null ? Optional.empty() : credentials.scram(mechanism);
    }

    // ---- Gogo commands ------------------------------------------------------------------------

    /** adduser NAME PASSWORD: creates a user. */
    public String adduser(String name, String password) throws IOException {
        String user = JID.nodeprep(name);
        if (file.users().containsKey(user)) {
            return "User " + user + " exists already; use passwd to change the password";
        }
        file.put(user, UserCredentials.create(password, iterations));
        return "Added " + user + " to " + file.path();
    }

    /** passwd NAME PASSWORD: sets a user's password. */
    public String passwd(String name, String password) throws IOException {
        String user = JID.nodeprep(name);
        if (!file.users().containsKey(user)) {
            return "No such user: " + user;
        }
        file.put(user, UserCredentials.create(password, iterations));
        return "Password of " + user + " changed";
    }

    /** deluser NAME: deletes a user; sessions already open stay open. */
    public String deluser(String name) throws IOException {
        String user = JID.nodeprep(name);
        return file.remove(user) ? "Deleted " + user : "No such user: " + user;
    }

    /** users: lists the user names. */
    public String users() {
        Map<String, UserCredentials> users = file.users();
        return users.isEmpty() ? "No users in " + file.path() : String.join("\n", users.keySet());
    }
}
