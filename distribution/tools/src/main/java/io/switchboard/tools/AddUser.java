package io.switchboard.tools;

import java.io.IOException;
import java.nio.file.Path;

import gnu.inet.encoding.Stringprep;
import gnu.inet.encoding.StringprepException;
import io.switchboard.credentials.SaltedCredential;
import io.switchboard.credentials.UserCredentials;

/**
 * {@code bin/switchboard adduser NAME} and {@code passwd NAME}: writes the user's salted credentials
 * into the users file that config/io.switchboard.auth.file.cfg names, server running or not (it
 * reads the file again when it changes). The password comes from the terminal or standard input.
 * Run in the server's folder; exit status 0 when written, 1 when refused, 2 on wrong use.
 */
public final class AddUser {

    static final Path AUTH_CONFIG = Path.of("config", "io.switchboard.auth.file.cfg");

    private AddUser() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("adduser") || args[0].equals("passwd"))) {
            System.err.println("usage: bin/switchboard adduser NAME | passwd NAME  (the password is asked for, or read from standard input)");
            System.exit(2);
        }
        try {
            String password = PasswordInput.read("Password for " + args[1] + ": ", true);
            System.out.println(run(args[0].equals("passwd"), args[1], password, Path.of("")));
            System.exit(0);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * @param replace true for passwd (the user must exist), false for adduser (it must not)
     * @param home the server's folder, which relative paths in the configuration start from
     * @return what was done, for the operator
     */
    static String run(boolean replace, String name, String password, Path home) throws IOException {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password given");
        }
        if (!SaltedCredential.preparable(password)) {
            throw new IllegalArgumentException(SaltedCredential.PROHIBITED);
        }
        String user = nodeprep(name);
        Path auth = home.resolve(AUTH_CONFIG);
        CfgFile cfg = CfgFile.read(auth);
        Path file = home.resolve(cfg.value("file", "config/users.properties"));
        int iterations = Math.max(cfg.number("iterations", SaltedCredential.DEFAULT_ITERATIONS, auth), SaltedCredential.DEFAULT_ITERATIONS);
        UsersFileUpdate users = new UsersFileUpdate(file);
        if (replace && !users.exists(user)) {
            throw new IllegalStateException("no such user: " + user + " (in " + file + ")");
        }
        if (!replace && users.exists(user)) {
            throw new IllegalStateException("user " + user + " exists already in " + file + "; use passwd to change the password");
        }
        users.put(user, UserCredentials.create(password, iterations));
        return (replace ? "Password of " + user + " changed in " : "Added " + user + " to ") + file;
    }

    /** RFC 7622 3.3: the localpart as the server compares it (lower case, no spaces or @). */
    static String nodeprep(String name) {
        try {
            String user = Stringprep.nodeprep(name);
            if (user.isEmpty() || user.length() > 1023) {
                throw new IllegalArgumentException("'" + name + "' is not a valid user name");
            }
            return user;
        } catch (StringprepException e) {
            throw new IllegalArgumentException("'" + name + "' is not a valid user name: " + e.getMessage());
        }
    }
}
