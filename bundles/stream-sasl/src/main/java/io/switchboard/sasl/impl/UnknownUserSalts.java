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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The salt SCRAM offers a name that has no account: the same for that name on every try, as a
 * real user's stored salt is, and different from name to name, so that asking twice does not tell
 * who has an account. Derived from a secret made once and kept in the bundle's data area (under
 * {@code data/felix-cache}), so it also stays the same across restarts.
 */
@Component(service = UnknownUserSalts.class)
public final class UnknownUserSalts {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownUserSalts.class);
    private static final String KEY_FILE = "unknown-user-salts.key";
    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final SecretKeySpec secret;

    @Activate
    public UnknownUserSalts(BundleContext context) throws IOException {
        this(secret(context.getDataFile(KEY_FILE)));
    }

    UnknownUserSalts(byte[] secret) {
        this.secret = new SecretKeySpec(secret, "HmacSHA256");
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
