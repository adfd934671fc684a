package io.switchboard.tls.impl;

import static io.switchboard.tls.impl.CertificateWatch.Outcome.LOADED;
import static io.switchboard.tls.impl.CertificateWatch.Outcome.REFUSED;
import static io.switchboard.tls.impl.CertificateWatch.Outcome.SETTLING;
import static io.switchboard.tls.impl.CertificateWatch.Outcome.STILL_REFUSED;
import static io.switchboard.tls.impl.CertificateWatch.Outcome.UNCHANGED;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How the watch treats renewals the way certbot makes them, and broken files, one poll at a time. */
public class CertificateWatchTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path root;
    private Path certificate;
    private Path key;
    private CertificateWatch watch;
    private final List<Credentials> used = new ArrayList<>();

    @Before
    public void firstCertificate() throws Exception {
        root = folder.getRoot().toPath();
        Files.createDirectories(root.resolve("archive"));
        Files.createDirectories(root.resolve("live"));
        renew(TestCertificates.create(root, "first.example.com"), 1);
        certificate = root.resolve("live/fullchain.pem");
        key = root.resolve("live/privkey.pem");
        watch = new CertificateWatch(List.of(certificate, key), () -> PemFiles.read(certificate, key));
        assertEquals("CN=first.example.com", watch.readNow().leaf().getSubjectX500Principal().getName());
    }

    @Test
    public void aRenewalThroughTheSymbolicLinksIsLoadedOnceItHasSettled() throws Exception {
        assertEquals(UNCHANGED, watch.check(used::add));
        Credentials second = TestCertificates.create(root, "second.example.com");

        renew(second, 2);

        assertEquals(SETTLING, watch.check(used::add));
        assertEquals(LOADED, watch.check(used::add));
        assertEquals(List.of(second.leaf()), used.stream().map(Credentials::leaf).toList());
        assertEquals(UNCHANGED, watch.check(used::add));
    }

    @Test
    public void aBrokenFileIsReportedOnceAndKeepsTheCertificateInUse() throws Exception {
        Files.writeString(root.resolve("archive/fullchain1.pem"), "-----BEGIN CERTIFICATE-----\nMIIB");

        List<CertificateWatch.Outcome> polls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            polls.add(watch.check(used::add));
        }

        assertEquals(List.of(SETTLING, REFUSED, STILL_REFUSED, STILL_REFUSED, STILL_REFUSED, STILL_REFUSED), polls);
        assertEquals("nothing replaced the certificate in use", List.of(), used);

        Credentials fixed = TestCertificates.create(root, "fixed.example.com");
        renew(fixed, 2);
        assertEquals(SETTLING, watch.check(used::add));
        assertEquals(LOADED, watch.check(used::add));
        assertEquals(fixed.leaf(), used.get(0).leaf());
    }

    @Test
    public void aKeySwappedAfterItsCertificateIsNotTakenForAMismatch() throws Exception {
        Credentials second = TestCertificates.create(root, "second.example.com");
        TestCertificates.writePem(second, root.resolve("archive/fullchain2.pem"), root.resolve("archive/privkey2.pem"));

        relink("fullchain", 2); // certbot moves one link, then the other
        assertEquals(SETTLING, watch.check(used::add));
        relink("privkey", 2);
        assertEquals(SETTLING, watch.check(used::add));
        assertEquals(LOADED, watch.check(used::add));
        assertEquals(second.leaf(), used.get(0).leaf());
    }

    @Test
    public void aFileMissingForAWhileIsReportedOnceAndThenPickedUp() throws Exception {
        Files.delete(key);

        assertEquals(SETTLING, watch.check(used::add));
        assertEquals(REFUSED, watch.check(used::add));
        assertEquals(STILL_REFUSED, watch.check(used::add));

        relink("privkey", 1);
        assertEquals("back to the content in use", UNCHANGED, watch.check(used::add));
        assertEquals("nothing to load", List.of(), used);
    }

    @Test
    public void aReplacedKeystoreIsLoadedToo() throws Exception {
        Path keystore = root.resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore, "changeit", "first.example.com");
        CertificateWatch keystoreWatch = new CertificateWatch(List.of(keystore),
                () -> ServerCertificate.readKeystore(keystore, "changeit"));
        keystoreWatch.readNow();
        Path renewed = root.resolve("renewed/switchboard.p12");
        SelfSignedKeystore.ensure(renewed, "changeit", "second.example.com");

        Files.move(renewed, keystore, StandardCopyOption.REPLACE_EXISTING);

        assertEquals(SETTLING, keystoreWatch.check(used::add));
        assertEquals(LOADED, keystoreWatch.check(used::add));
        assertEquals("CN=second.example.com", used.get(0).leaf().getSubjectX500Principal().getName());
    }

    /** Writes archive/fullchainN.pem and privkeyN.pem and points the live/ links at them, as certbot renew does. */
    private void renew(Credentials credentials, int version) throws Exception {
        TestCertificates.writePem(credentials, root.resolve("archive/fullchain" + version + ".pem"),
                root.resolve("archive/privkey" + version + ".pem"));
        relink("fullchain", version);
        relink("privkey", version);
    }

    private void relink(String name, int version) throws Exception {
        Path link = root.resolve("live/" + name + ".pem");
        Path draft = root.resolve("live/" + name + ".pem.new");
        Files.deleteIfExists(draft);
        Files.createSymbolicLink(draft, Path.of("../archive/" + name + version + ".pem"));
        Files.move(draft, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
