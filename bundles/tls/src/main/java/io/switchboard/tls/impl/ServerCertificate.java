package io.switchboard.tls.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the server's keystore (creating a self-signed one on first start) and offers it as an
 * {@link SSLContext} service. Every TLS listener uses this one service, so there is one certificate
 * to configure; a new keystore or password restarts the listeners with it.
 */
@Component(immediate = true, configurationPid = "io.switchboard.tls")
@Designate(ocd = TlsConfiguration.class)
public class ServerCertificate {

    static final String PID = "io.switchboard.tls";
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);

    private final ServiceRegistration<SSLContext> registration;

    @Activate
    public ServerCertificate(BundleContext context, TlsConfiguration config) throws IOException, GeneralSecurityException {
        Path keystore = Path.of(config.keystorePath()).toAbsolutePath();
        if (SelfSignedKeystore.ensure(keystore, config.keystorePassword(), config.certificateHost())) {
            LOG.info("Created a self-signed certificate for {} in {}", config.certificateHost(), keystore);
        }
        SSLContext tls = load(keystore, config.keystorePassword());
        // registered by hand, not as the component's service: SSLContext is a JDK class, not an interface we implement
        registration = context.registerService(SSLContext.class, tls, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    static SSLContext load(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new IOException(PID + ": cannot read keystorePath " + keystore + " with keystorePassword: " + e.getMessage(), e);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
