package io.switchboard.bench;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * XMPP over plain TCP (RFC 6120) for the load generator: one connection, a thread that cuts the
 * server's XML stream into top-level elements as text (the stream header counts as one), so that
 * the client handles them as it handles WebSocket frames. The cutting only follows tags, quotes and
 * depth: enough for what servers send (no comments, no DTDs; CDATA is not expected in stanzas).
 */
final class TcpLink implements XmppClient.Link {

    private final Socket socket;
    private final OutputStream out;

    private TcpLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static TcpLink connect(String host, int port, Consumer<String> elements) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 30_000);
            TcpLink link = new TcpLink(socket);
            Thread reader = new Thread(() -> link.read(elements), "tcp " + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void send(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String open(String domain) {
        return "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='" + domain
                + "' version='1.0'>";
    }

    @Override
    public void close() {
        try {
            send("</stream:stream>");
        } catch (UncheckedIOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closed
        }
    }

    /** A reset (SO_LINGER 0), as a network failure ends a connection for the server: no {@code </stream:stream>}, no FIN. */
    @Override
    public void cut() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }

    private void read(Consumer<String> elements) {
        StringBuilder element = new StringBuilder();
        StringBuilder tag = new StringBuilder(); // the tag being read, from '<'
        boolean inTag = false;
        char quote = 0;
        int depth = 0; // 1: inside the stream header
        char[] buffer = new char[8192];
        try (Reader in = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (inTag || c == '<' || depth >= 2) { // not whitespace between stanzas
                        element.append(c);
                    }
                    if (!inTag) {
                        if (c == '<') {
                            inTag = true;
                            tag.setLength(0);
                            tag.append(c);
                        }
                        continue;
                    }
                    tag.append(c);
                    if (quote != 0) {
                        quote = c == quote ? 0 : quote;
                        continue;
                    }
                    if (c == '\'' || c == '"') {
                        quote = c;
                        continue;
                    }
                    if (c != '>') {
                        continue;
                    }
                    inTag = false;
                    if (tag.charAt(1) == '?') { // <?xml ...?>
                        element.setLength(element.length() - tag.length());
                    } else if (tag.toString().startsWith("<stream:stream")) {
                        // a header, also the one that restarts the stream after SASL
                        elements.accept(tag.toString());
                        element.setLength(0);
                        depth = 1;
                    } else if (tag.charAt(1) == '/') {
                        depth--;
                        if (depth == 1) {
                            elements.accept(element.toString());
                            element.setLength(0);
                        } else if (depth == 0) {
                            return; // </stream:stream>
                        }
                    } else if (tag.charAt(tag.length() - 2) == '/') {
                        if (depth == 1) {
                            elements.accept(element.toString());
                            element.setLength(0);
                        }
                    } else {
                        depth++;
                    }
                }
            }
        } catch (IOException e) {
            // the connection ended
        }
    }
}
