package io.switchboard.tools;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.io.input.NoCloseInputStream;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * {@code bin/switchboard client [-u USER] [COMMAND...]} where OpenSSH's ssh is missing: logs in to the
 * server's SSH shell on the host and port of config/io.switchboard.shell.ssh.cfg with a password
 * (asked for, or the first line of standard input), then runs the command and exits with its status,
 * or opens the interactive shell (with the terminal in raw mode meanwhile). The
 * server must present the host key in data/ (the client runs beside the server); exit status 255
 * when the connection or login fails, as OpenSSH's.
 */
public final class ShellClient {

    static final Path SHELL_CONFIG = Path.of("config", "io.switchboard.shell.ssh.cfg");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int FAILED = 255;

    private ShellClient() {
    }

    public static void main(String[] args) {
        String user = System.getenv().getOrDefault("SWITCHBOARD_USER", "admin");
        List<String> command = new ArrayList<>(List.of(args));
        if (command.size() >= 2 && command.get(0).equals("-u")) {
            user = command.get(1);
            command = command.subList(2, command.size());
        }
        int status;
        try {
            status = run(user, String.join(" ", command));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            System.err.println("switchboard client: " + e.getMessage());
            status = FAILED;
        }
        System.exit(status);
    }

    private static int run(String user, String command) throws IOException, GeneralSecurityException {
        CfgFile cfg = CfgFile.read(SHELL_CONFIG);
        String host = cfg.value("host", "127.0.0.1");
        int port = cfg.number("port", 8101, SHELL_CONFIG);
        if (port < 0) {
            throw new IllegalStateException("the SSH shell is off (port = -1 in " + SHELL_CONFIG + ")");
        }
        PublicKey expected = hostKey(Path.of(cfg.value("hostKeyFile", "data/ssh-host-key")));
        String password = PasswordInput.read(user + "@" + host + "'s password: ", false);
        if (password == null) {
            throw new IllegalArgumentException("no password given");
        }
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> trusted(expected, key, address));
            client.start();
            String target = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
            try (ClientSession session = client.connect(user, target, port).verify(TIMEOUT).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(TIMEOUT);
                ClientChannel channel = command.isBlank() ? shell(session) : exec(session, command);
                channel.setIn(new NoCloseInputStream(System.in));
                channel.setOut(new NoCloseOutputStream(System.out));
                channel.setErr(new NoCloseOutputStream(System.err));
                try (RawTerminal terminal = command.isBlank() ? RawTerminal.enter() : null) {
                    channel.open().verify(TIMEOUT);
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0);
                }
                Integer status = channel.getExitStatus();
                return status == null ? 0 : status;
            }
        }
    }

    private static ChannelShell shell(ClientSession session) throws IOException {
        ChannelShell shell = session.createShellChannel();
        String term = System.getenv("TERM");
        shell.setPtyType(term == null || term.isBlank() ? "xterm" : term);
        return shell;
    }

    private static ChannelExec exec(ClientSession session, String command) throws IOException {
        return session.createExecChannel(command);
    }

    /** The server's public host key from data/, or null when this user may not read it. */
    private static PublicKey hostKey(Path file) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(file)) {
            System.err.println("switchboard client: cannot read " + file + " to check the server's host key; trusting the server at its address");
            return null;
        }
        Iterable<KeyPair> keys = new SimpleGeneratorHostKeyProvider(file).loadKeys(null);
        for (KeyPair pair : keys) {
            return pair.getPublic();
        }
        return null;
    }

    private static boolean trusted(PublicKey expected, PublicKey presented, SocketAddress address) {
        if (expected == null || KeyUtils.compareKeys(expected, presented)) {
            return true;
        }
        System.err.println("switchboard client: " + address + " presented the host key " + KeyUtils.getFingerPrint(presented)
                + ", not the server's own (" + KeyUtils.getFingerPrint(expected) + "); refusing to log in");
        return false;
    }
}
