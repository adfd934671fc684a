package io.switchboard.sasl.impl;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.auth.ScramCredential;

/**
 * The salt and iteration count SCRAM offers a name that has no account: the salt the same for
 * that name on every try, as a real user's stored salt is, and different from name to name; the
 * iterations those of real users (as configured), so that asking twice does not tell who has an
 * account. Derived from a secret made once and kept in the bundle's data area (under
 * {@code data/felix-cache}, never copied with config/), so it also stays the same across restarts.
 */
@Component(service = UnknownUserSalts.class, configurationPid = ScramConfiguration.PID)
@Designate(ocd = ScramConfiguration.class)
public final class UnknownUserSalts {

    /** What the authentication providers make credentials with unless configured otherwise. */
    static final int DEFAULT_ITERATIONS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(UnknownUserSalts.class);
    private static final String KEY_FILE = "unknown-user-salts.key";
    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final SecretKeySpec secret;
    private volatile int iterations;

    @Activate
    public UnknownUserSalts(BundleContext context, ScramConfiguration config) throws IOException {
        this(secret(context.getDataFile(KEY_FILE)), iterations(config));
    }

    UnknownUserSalts(byte[] secret) {
        this(secret, DEFAULT_ITERATIONS);
    }

    UnknownUserSalts(byte[] secret, int iterations) {
        this.secret = new SecretKeySpec(secret, "HmacSHA256");
        this.iterations = iterations;
    }

    @Modified
    void modified(ScramConfiguration config) {
        iterations = iterations(config);
    }

    /** The configured count, or the default with a line naming the key when it cannot be one. */
    private static int iterations(ScramConfiguration config) {
        int configured = config.unknownUserIterations();
        if (configured < 1) {
            LOG.error("{}: unknownUserIterations = {} is not a positive number; {} is used", ScramConfiguration.PID,
                    configured, DEFAULT_ITERATIONS);
            return DEFAULT_ITERATIONS;
        }
        return configured;
    }

    /** What SCRAM offers this name under this mechanism: a salt and iterations, and no keys (nothing can match). */
    ScramCredential credential(String mechanism, String username) {
        return new ScramCredential(mechanism, iterations, salt(mechanism, username), new byte[0], new byte[0]);
    }

    /** The salt for this name under this mechanism. */
    byte[] salt(String mechanism, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] derived = mac.doFinal((mechanism + '\0' + username).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(derived, SALT_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The secret kept in that file, made and written there first when there is none. */
    static byte[] secret(File file) throws IOException {
        if (file == null) { // a framework without a file system: salts stay the same until a restart
            LOG.warn("No data area for {}: unknown names' SCRAM salts change when the server restarts", KEY_FILE);
            return random();
        }
        Path path = file.toPath();
        if (Files.exists(path)) {
            byte[] kept = Files.readAllBytes(path);
            if (kept.length == SECRET_BYTES) {
                return kept;
            }
            LOG.warn("{} holds {} bytes, not {}: a new secret replaces it", path, kept.length, SECRET_BYTES);
        }
        byte[] made = random();
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path partial = Files.createTempFile(path.toAbsolutePath().getParent(), KEY_FILE, ".partial");
        Files.write(partial, made);
        // in place only when complete: a crash never leaves a short secret behind
        Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return made;
    }

    private static byte[] random() {
        byte[] bytes = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
