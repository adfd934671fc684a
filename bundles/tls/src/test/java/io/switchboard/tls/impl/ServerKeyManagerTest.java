package io.switchboard.tls.impl;

import static org.junit.Assert.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Real TLS handshakes on loopback against one SSLContext whose credentials are swapped while connections are open. */
public class ServerKeyManagerTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ExecutorService server = Executors.newCachedThreadPool();

    @After
    public void stop() {
        server.shutdownNow();
    }

    @Test
    public void aSwapReachesNewConnectionsWhileAnOpenOneGoesOn() throws Exception {
        Credentials first = TestCertificates.create(folder.getRoot().toPath(), "first.example.com");
        Credentials second = TestCertificates.create(folder.getRoot().toPath(), "second.example.com");
        ServerKeyManager keys = new ServerKeyManager();
        keys.use(first);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        server.submit(() -> echo(listener));

        try (SSLSocket open = connect(listener.getLocalPort())) {
            assertEquals(first.leaf(), peer(open));
            assertEquals(1, roundTrip(open, 1));

            keys.use(second);

            assertEquals("the open connection keeps working", 2, roundTrip(open, 2));
            try (SSLSocket fresh = connect(listener.getLocalPort())) {
                assertEquals("a new connection gets the new certificate", second.leaf(), peer(fresh));
                assertEquals(3, roundTrip(fresh, 3));
            }
            assertEquals(4, roundTrip(open, 4));
            assertEquals("and its session still has the old one", first.leaf(), peer(open));
        }
        listener.close();
    }

    @Test
    public void anEcCertificateIsOffered() throws Exception {
        Credentials ec = PemFiles.read(Path.of(getClass().getResource("/pem/ec-fullchain.pem").toURI()),
                Path.of(getClass().getResource("/pem/ec-sec1.key").toURI()));
        ServerKeyManager keys = new ServerKeyManager();
        keys.use(ec);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        server.submit(() -> echo(listener));

        try (SSLSocket client = connect(listener.getLocalPort())) {
            assertEquals(ec.leaf(), peer(client));
            assertEquals(7, roundTrip(client, 7));
        }
        listener.close();
    }

    private void echo(SSLServerSocket listener) {
        try {
            while (true) {
                SSLSocket accepted = (SSLSocket) listener.accept();
                server.submit(() -> {
                    try (accepted) {
                        DataInputStream in = new DataInputStream(accepted.getInputStream());
                        DataOutputStream out = new DataOutputStream(accepted.getOutputStream());
                        while (true) {
                            out.writeInt(in.readInt());
                            out.flush();
                        }
                    } catch (IOException closed) {
                        // the client went away
                    }
                    return null;
                });
            }
        } catch (IOException closed) {
            // the listener was closed
        }
    }

    private static SSLSocket connect(int port) throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new TrustEverything()}, null);
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static X509Certificate peer(SSLSocket socket) throws Exception {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    private static int roundTrip(SSLSocket socket, int value) throws IOException {
        new DataOutputStream(socket.getOutputStream()).writeInt(value);
        socket.getOutputStream().flush();
        return new DataInputStream(socket.getInputStream()).readInt();
    }

    /** The test compares the certificate itself; trust is not what it is about. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
