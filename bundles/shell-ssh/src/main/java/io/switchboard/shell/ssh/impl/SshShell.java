package io.switchboard.shell.ssh.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.logins.LoginGuard;
import io.switchboard.api.threads.DaemonThreads;

/**
 * The SSH listener of the Gogo shell. Only with a configuration ({@code config/io.switchboard.shell.ssh.cfg}
 * in the distribution), so that nothing opens a port nobody asked for. A new address, port or host
 * key restarts the listener; new administrators or keys apply to the next login. Deactivating it
 * (bundle stopped, Gogo gone, configuration deleted) disconnects every session with a reason.
 */
@Component(configurationPid = SshShellConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SshShellConfiguration.class)
public class SshShell {

    private static final Logger LOG = LoggerFactory.getLogger(SshShell.class);

    /** Where and with which key the listener runs: a change of any means a new listener. */
    private record Listener(String host, int port, Path hostKey) {
    }

    @Reference
    private CommandProcessor processor;
    @Reference
    private LoginGuard guard;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider provider;

    private final ExecutorService shells = Executors.newCachedThreadPool(DaemonThreads.numbered("ssh-shell-"));
    /** Answers password logins slowed down by the login guard. */
    private final ScheduledExecutorService slowedLogins = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ssh-slowed-logins"));
    private volatile AdminPasswords passwords;
    private volatile AuthorizedKeys keys;
    private Listener listener;
    private SshServer server;

    @Activate
    void activate(SshShellConfiguration config) {
        modified(config);
    }

    @Modified
    synchronized void modified(SshShellConfiguration config) {
        // SSHD loads its parts by name through the context class loader (its security providers when
        // first used, by a key's parsing as much as by the listener): they must come from its own bundle
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SshServer.class.getClassLoader());
        try {
            configure(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void configure(SshShellConfiguration config) {
        warnOfAListReadAsText("admins", config.admins());
        warnOfAListReadAsText("authorizedKeys", config.authorizedKeys());
        passwords = new AdminPasswords(Arrays.asList(config.admins()), () -> provider, guard, slowedLogins);
        keys = AuthorizedKeys.parse(config.authorizedKeys());
        if (config.admins().length == 0 && keys.size() == 0) {
            LOG.warn("{}: no admins and no authorizedKeys, so no one can log in to the SSH shell", SshShellConfiguration.PID);
        }
        Listener wanted = new Listener(config.host(), config.port(), Path.of(config.hostKeyFile()).toAbsolutePath());
        if (!wanted.equals(listener)) {
            stop("Switchboard's SSH shell moves to another address");
            listener = wanted;
            start(wanted);
        }
    }

    /** FileInstall reads a .cfg file with an unquoted value as plain text, a list included: one entry "[ ... ]". */
    private static void warnOfAListReadAsText(String key, String[] values) {
        if (values.length == 1 && values[0].trim().startsWith("[")) {
            LOG.error("{}.cfg {}: the list was read as one text; put every value of the file in quotes (host = \"127.0.0.1\")",
                    SshShellConfiguration.PID, key);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stop("Switchboard's SSH shell is stopping");
        listener = null;
        shells.shutdownNow();
        slowedLogins.shutdownNow();
    }

    private void start(Listener wanted) {
        if (wanted.port() < 0) {
            LOG.info("SSH shell off ({} port = {})", SshShellConfiguration.PID, wanted.port());
            return;
        }
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost(wanted.host());
        ssh.setPort(wanted.port());
        ssh.setPasswordAuthenticator((user, password, session) -> passwords.authenticate(user, password, session));
        ssh.setPublickeyAuthenticator((user, key, session) -> keys.authenticate(user, key, session));
        ssh.setShellFactory(channel -> new GogoShell(processor, shells));
        ssh.setCommandFactory((channel, command) -> new GogoCommand(processor, shells, command));
        try {
            ssh.setKeyPairProvider(hostKey(wanted.hostKey()));
            ssh.start();
            server = ssh;
            LOG.info("SSH shell listening on {}:{}", wanted.host(), ssh.getPort());
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot listen on {}:{} with the host key {}; the SSH shell is off until its configuration changes: {}",
                    SshShellConfiguration.PID, wanted.host(), wanted.port(), wanted.hostKey(), e.toString());
            try {
                ssh.stop(true);
            } catch (IOException ignored) {
                // it never started
            }
        }
    }

    /** The host key, made now when missing (so a broken path shows at once), readable by the server's user only. */
    private static SimpleGeneratorHostKeyProvider hostKey(Path file) throws IOException {
        boolean existed = Files.exists(file);
        Files.createDirectories(file.getParent());
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.loadKeys(null);
        if (!existed && Files.exists(file)) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's rights apply
            }
            LOG.info("SSH shell: new host key in {}", file);
        }
        return provider;
    }

    private void stop(String reason) {
        SshServer running = server;
        server = null;
        if (running == null) {
            return;
        }
        for (AbstractSession session : running.getActiveSessions()) {
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, reason);
            } catch (IOException e) {
                LOG.debug("SSH session {} already gone", session, e);
            }
        }
        try {
            running.stop(true);
        } catch (IOException e) {
            LOG.warn("SSH shell: stopping the listener: {}", e.toString());
        }
    }
}
