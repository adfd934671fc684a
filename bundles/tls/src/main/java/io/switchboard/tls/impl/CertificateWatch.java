package io.switchboard.tls.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that the certificate files changed and reads them again. It compares their content, not
 * their time stamps: certbot renews by pointing the symbolic links in live/ at new files, and a
 * time stamp can repeat within its granularity. New content is read only once it has stayed the
 * same for one poll, so a file still being written, or a key swapped a moment after its
 * certificate, is not taken for a broken one. Content that cannot be used is reported once, not at
 * every poll, and the credentials in use stay.
 */
final class CertificateWatch {

    /** Reads the files into credentials, or says why it cannot, naming the key and the file. */
    interface Reader {
        Credentials read() throws IOException;
    }

    enum Outcome { UNCHANGED, SETTLING, LOADED, REFUSED, STILL_REFUSED }

    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatch.class);

    private final List<Path> files;
    private final Reader reader;
    private String loaded;
    private String pending;
    private String refused;

    CertificateWatch(List<Path> files, Reader reader) {
        this.files = List.copyOf(files);
        this.reader = reader;
    }

    List<Path> files() {
        return files;
    }

    /** Reads the files now, without waiting for them to settle: at start and on a new configuration. */
    synchronized Credentials readNow() throws IOException {
        String content = fingerprint();
        try {
            Credentials credentials = reader.read();
            loaded = content;
            return credentials;
        } catch (IOException e) {
            refused = content; // the caller reports it; the polls stay quiet until the files change
            throw e;
        }
    }

    /** One poll: hands new credentials to {@code use} when the files changed, settled and are good. */
    synchronized Outcome check(Consumer<Credentials> use) {
        String content = fingerprint();
        if (content.equals(loaded)) {
            pending = null;
            return Outcome.UNCHANGED;
        }
        if (content.equals(refused)) {
            return Outcome.STILL_REFUSED;
        }
        if (!content.equals(pending)) {
            pending = content;
            return Outcome.SETTLING;
        }
        pending = null;
        try {
            Credentials credentials = reader.read();
            use.accept(credentials);
            loaded = content;
            refused = null;
            return Outcome.LOADED;
        } catch (IOException e) {
            refused = content;
            LOG.warn("{}; new TLS connections keep the certificate in use until the files are fixed", e.getMessage());
            return Outcome.REFUSED;
        }
    }

    /** A digest of the files' content, or of why they cannot be read (missing for a moment, say). */
    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                try {
                    digest.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    digest.update(("unreadable " + file + ": " + e).getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
