package io.switchboard.tls.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the PKCS#12 keystore with a self-signed certificate on first start, with the JDK's own
 * keytool, so a fresh server offers wss:// without any manual step. The password reaches keytool
 * in its environment, which only its user can read, never on its command line, which every user
 * of the machine can (ps, /proc/PID/cmdline).
 */
final class SelfSignedKeystore {

    /** The environment variable keytool reads the store and key password from. */
    static final String PASSWORD_VARIABLE = "SWITCHBOARD_KEYSTORE_PASSWORD";

    private SelfSignedKeystore() {
    }

    /** Creates the keystore unless it exists; returns true when it created one. */
    static boolean ensure(Path keystore, String password, String host) throws IOException {
        return ensure(keystore, password, host, Path.of(System.getProperty("java.home"), "bin", "keytool"));
    }

    /** The same with that keytool. */
    static boolean ensure(Path keystore, String password, String host, Path keytool) throws IOException {
        if (Files.exists(keystore)) {
            return false;
        }
        Path parent = keystore.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, "keystore", ".p12");
        Files.delete(partial); // keytool refuses to write into an existing, empty file
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", "switchboard", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=" + host,
                "-ext", "SAN=dns:" + host + ",dns:localhost,ip:127.0.0.1,ip:::1",
                "-storetype", "PKCS12", "-keystore", partial.toString(),
                "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not create " + keystore + ": " + output.trim());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + keystore, e);
        }
        // move into place only when complete, so a crash never leaves a half-written keystore
        Files.move(partial, keystore);
        return true;
    }
}
