package io.switchboard.tls.impl;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key manager of the one server SSLContext, whose credentials can be replaced while it is in
 * use. Every TLS listener (Jetty, Netty) keeps the same SSLContext, so nothing restarts and no
 * connection drops on a renewal: a handshake asks for the credentials when it starts, so new
 * connections get the new certificate while established ones keep the session they negotiated.
 * Each set of credentials has its own alias, and the previous set stays reachable by its alias, so
 * a handshake that chose its alias just before a swap still finds the key and chain it chose.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {

    private record Generation(int number, Credentials credentials, Generation previous) {
        String alias() {
            return "switchboard-" + number;
        }
    }

    private final AtomicReference<Generation> current = new AtomicReference<>();

    /** Uses these credentials for every handshake from now on. */
    void use(Credentials credentials) {
        current.updateAndGet(old -> {
            if (old == null) {
                return new Generation(1, credentials, null);
            }
            // keep one previous generation only: enough for a handshake in flight, no growing chain
            return new Generation(old.number() + 1, credentials, new Generation(old.number(), old.credentials(), null));
        });
    }

    Credentials credentials() {
        Generation generation = current.get();
        return generation == null ? null : generation.credentials();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation generation = current.get();
        return generation != null && fits(generation.credentials(), keyType) ? generation.alias() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Credentials credentials = find(alias);
        return credentials == null ? null : credentials.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Credentials credentials = find(alias);
        return credentials == null ? null : credentials.key();
    }

    /** The server is never a TLS client. */
    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    private Credentials find(String alias) {
        for (Generation generation = current.get(); generation != null; generation = generation.previous()) {
            if (generation.alias().equals(alias)) {
                return generation.credentials();
            }
        }
        return null;
    }

    /**
     * Whether the key suits the key type JSSE asks for: "RSA" or "RSASSA-PSS" for an RSA key (TLS 1.2
     * suites and TLS 1.3 signature schemes), "EC" for an EC key, the algorithm's name otherwise.
     */
    private static boolean fits(Credentials credentials, String keyType) {
        String algorithm = credentials.key().getAlgorithm();
        return algorithm.equals(keyType) || "RSA".equals(algorithm) && "RSASSA-PSS".equals(keyType);
    }
}
