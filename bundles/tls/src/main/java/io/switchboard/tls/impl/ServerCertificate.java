package io.switchboard.tls.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.threads.DaemonThreads;

/**
 * Offers the server's certificate as one {@link SSLContext} service that every TLS listener uses:
 * from PEM files (certbot's fullchain.pem and privkey.pem) when they are configured, else from a
 * PKCS#12 keystore, created with a self-signed certificate on first start. The files are watched;
 * a renewed certificate, or a new configuration, goes into the same SSLContext, so the listeners
 * never restart: new connections get the new certificate, open ones keep theirs.
 */
@Component(immediate = true, configurationPid = ServerCertificate.PID)
@Designate(ocd = TlsConfiguration.class)
public class ServerCertificate {

    static final String PID = "io.switchboard.tls";
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);

    private final ServerKeyManager keys = new ServerKeyManager();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("switchboard-tls-watch"));
    private final ServiceRegistration<SSLContext> registration;
    private ScheduledFuture<?> polling;
    private CertificateWatch active;

    @Activate
    public ServerCertificate(BundleContext context, TlsConfiguration config) throws IOException, GeneralSecurityException {
        configure(config);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {keys}, null, null);
        // registered by hand, not as the component's service: SSLContext is a JDK class, not an interface we implement
        registration = context.registerService(SSLContext.class, tls, null);
    }

    /** A new configuration changes the credentials inside the same SSLContext: no listener restarts. */
    @Modified
    void modified(TlsConfiguration config) throws IOException {
        configure(config);
    }

    @Deactivate
    void deactivate() {
        watcher.shutdownNow();
        registration.unregister();
    }

    private synchronized void configure(TlsConfiguration config) throws IOException {
        if (polling != null) {
            polling.cancel(false);
        }
        CertificateWatch watch = watch(config);
        active = watch;
        if (config.watchSeconds() > 0) {
            polling = watcher.scheduleWithFixedDelay(() -> watch.check(credentials -> useIfActive(watch, credentials)),
                    config.watchSeconds(), config.watchSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * Reads the configured files now and returns the watch that notices their renewals. Files that
     * cannot be used leave the certificate in use; at start, PEM files that cannot be used leave the
     * keystore's, so the listeners come up; a keystore that cannot be read at start fails the component.
     */
    private CertificateWatch watch(TlsConfiguration config) throws IOException {
        Path keystore = Path.of(config.keystorePath()).toAbsolutePath();
        CertificateWatch keystoreWatch = new CertificateWatch(List.of(keystore), () -> readKeystore(keystore, config.keystorePassword()));
        boolean pem = !config.certificatePath().isBlank() || !config.privateKeyPath().isBlank();
        if (pem && (config.certificatePath().isBlank() || config.privateKeyPath().isBlank())) {
            LOG.error("{}: certificatePath and privateKeyPath go together, one of them is empty; using keystorePath {}",
                    PID, keystore);
            pem = false;
        }
        CertificateWatch chosen = keystoreWatch;
        if (pem) {
            Path certificate = Path.of(config.certificatePath()).toAbsolutePath();
            Path key = Path.of(config.privateKeyPath()).toAbsolutePath();
            chosen = new CertificateWatch(List.of(certificate, key), () -> PemFiles.read(certificate, key));
        }
        try {
            if (!pem) {
                ensureKeystore(keystore, config);
            }
            use(chosen.readNow(), chosen);
        } catch (IOException e) {
            if (keys.credentials() != null) {
                LOG.error("{}; the certificate in use stays until the files are fixed", e.getMessage());
            } else if (pem) {
                LOG.error("{}; using keystorePath {} until the files are fixed", e.getMessage(), keystore);
                ensureKeystore(keystore, config);
                use(keystoreWatch.readNow(), keystoreWatch);
            } else {
                throw e; // nothing to present: the component does not start, and DS logs why
            }
        }
        return chosen;
    }

    private static void ensureKeystore(Path keystore, TlsConfiguration config) throws IOException {
        if (SelfSignedKeystore.ensure(keystore, config.keystorePassword(), config.certificateHost())) {
            LOG.info("Created a self-signed certificate for {} in {}", config.certificateHost(), keystore);
        }
    }

    /** A poll that ran on while the configuration changed must not bring back the old files. */
    private synchronized void useIfActive(CertificateWatch watch, Credentials credentials) {
        if (watch == active) {
            use(credentials, watch);
        }
    }

    private void use(Credentials credentials, CertificateWatch from) {
        keys.use(credentials);
        LOG.info("New TLS connections get the certificate of {}, from {}", credentials.describe(), from.files());
    }

    /** The first key entry of a PKCS#12 keystore, with its chain. */
    static Credentials readKeystore(Path keystore, String password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    return new Credentials((PrivateKey) store.getKey(alias, password.toCharArray()),
                            Arrays.copyOf(chain, chain.length, X509Certificate[].class));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(PID + ": cannot read keystorePath " + keystore + " with keystorePassword: " + e.getMessage(), e);
        }
        throw new IOException(PID + ": keystorePath " + keystore + " holds no private key");
    }
}
