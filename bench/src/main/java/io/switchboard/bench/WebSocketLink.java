package io.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * XMPP over WebSocket (RFC 7395 on RFC 6455) for the load generator, lean enough that measuring
 * thousands of sessions measures the server: the handshake is written by hand, and a few selector
 * threads ({@link Reactor}) read every session's frames and hand each text frame to its consumer
 * on that thread. The JDK's WebSocket client costs several times more per received frame (a task
 * per frame on an executor), which at 1,000 deliveries/s was most of the latency measured.
 */
final class WebSocketLink implements XmppClient.Link {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 1.3
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    private final SocketChannel channel;
    private final Consumer<String> frames;
    private ByteBuffer partial = ByteBuffer.allocate(0); // bytes of a frame not yet whole; read on the reactor only
    private final StringBuilder fragments = new StringBuilder(); // a text message sent in several frames
    private volatile Loop loop; // the reader it is registered with

    private WebSocketLink(SocketChannel channel, Consumer<String> frames) {
        this.channel = channel;
        this.frames = frames;
    }

    static WebSocketLink connect(URI url, Reactor reactor, Consumer<String> frames) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(new InetSocketAddress(url.getHost(), url.getPort()), 30_000);
            WebSocketLink link = new WebSocketLink(channel, frames);
            ByteBuffer rest = link.handshake(url);
            channel.configureBlocking(false);
            link.received(rest); // what the server sent right after its answer
            reactor.register(link);
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The opening handshake (RFC 6455 4.1), blocking; returns the bytes read past the answer's headers. */
    private ByteBuffer handshake(URI url) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n";
        writeFully(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer in = ByteBuffer.allocate(4096);
        int end;
        while ((end = headersEnd(in)) < 0) {
            if (!in.hasRemaining() || channel.read(in) < 0) {
                throw new IOException("no WebSocket handshake answer from " + url);
            }
        }
        List<String> lines = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1).lines().toList();
        Map<String, String> headers = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (!lines.get(0).startsWith("HTTP/1.1 101") || !accept(key).equals(headers.get("sec-websocket-accept"))
                || !"xmpp".equals(headers.get("sec-websocket-protocol"))) {
            throw new IOException("not a WebSocket for XMPP at " + url + ": " + lines);
        }
        in.flip().position(end);
        return in.slice();
    }

    private static int headersEnd(ByteBuffer in) {
        byte[] bytes = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void send(String frame) {
        send(TEXT, frame.getBytes(StandardCharsets.UTF_8));
    }

    /** A client's frame is masked (RFC 6455 5.3). */
    private void send(int opcode, byte[] payload) {
        int length = payload.length;
        ByteBuffer out = ByteBuffer.allocate(14 + length);
        out.put((byte) (0x80 | opcode));
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.put(mask);
        for (int i = 0; i < length; i++) {
            out.put((byte) (payload[i] ^ mask[i & 3]));
        }
        synchronized (this) { // one frame at a time
            try {
                writeFully(out.flip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Non-blocking once registered: a full socket buffer is waited out (the bench sends little at a time). */
    private void writeFully(ByteBuffer out) throws IOException {
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    @Override
    public String open(String domain) {
        return "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='" + domain + "' version='1.0'/>";
    }

    @Override
    public void close() {
        try {
            send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
            send(CLOSE, new byte[] {0x03, (byte) 0xe8}); // 1000, normal closure
        } catch (UncheckedIOException e) {
            // closing anyway
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closed
        }
    }

    /**
     * A reset, as a network failure ends a connection for the server: no {@code <close/>}, no close
     * frame, no FIN. A channel registered with a selector is closed for good (and the RST sent) only
     * when its selector next wakes; it is woken for that.
     */
    @Override
    public void cut() {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.close();
        } catch (IOException e) {
            // gone already
        }
        Loop reader = loop;
        if (reader != null) {
            reader.selector.wakeup();
        }
    }

    /** Takes what was read: every whole frame is handled, the rest kept for the next read. */
    private void received(ByteBuffer read) {
        ByteBuffer in = read;
        if (partial.hasRemaining()) {
            in = ByteBuffer.allocate(partial.remaining() + read.remaining()).put(partial).put(read).flip();
        }
        while (true) {
            int start = in.position();
            if (in.remaining() < 2) {
                break;
            }
            int first = in.get() & 0xff;
            int second = in.get() & 0xff;
            long length = second & 0x7f;
            int header = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + ((second & 0x80) != 0 ? 4 : 0);
            if (in.remaining() < header - 2) {
                in.position(start);
                break;
            }
            length = length == 126 ? in.getShort() & 0xffff : length == 127 ? in.getLong() : length;
            byte[] mask = null;
            if ((second & 0x80) != 0) { // servers do not mask, but a frame that is masked is still read right
                mask = new byte[4];
                in.get(mask);
            }
            if (in.remaining() < length) {
                in.position(start);
                break;
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            frame(first, payload);
        }
        partial = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
    }

    private void frame(int first, byte[] payload) {
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0f;
        if (opcode == PING) {
            send(0xA, payload);
        } else if (opcode == TEXT || opcode == 0) {
            String text = new String(payload, StandardCharsets.UTF_8);
            if (fin && fragments.length() == 0) {
                frames.accept(text);
            } else {
                fragments.append(text);
                if (fin) {
                    frames.accept(fragments.toString());
                    fragments.setLength(0);
                }
            }
        } else if (opcode == CLOSE) {
            try {
                channel.close();
            } catch (IOException e) {
                // closed
            }
        }
    }

    /**
     * The threads that read every registered session, one per processor, each session on one of
     * them: an {@code epoll} wait serves all of a thread's sessions with something to read, and a
     * frame costs a read and a parse, no hand-off. One thread alone needed 3 ms to read a 200-way
     * fan-out's frames one after another, which the bench then reported as the server's latency.
     */
    static final class Reactor {
        private final Loop[] loops = new Loop[Runtime.getRuntime().availableProcessors()];
        private final AtomicInteger next = new AtomicInteger();

        Reactor() {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new Loop("websocket reader " + i);
            }
        }

        void register(WebSocketLink link) {
            loops[Math.floorMod(next.getAndIncrement(), loops.length)].register(link);
        }
    }

    private static final class Loop {
        private final Selector selector;
        private final Queue<WebSocketLink> joining = new ConcurrentLinkedQueue<>();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);

        Loop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread thread = new Thread(this::run, name); // a daemon: it reads until the process ends
            thread.setDaemon(true);
            thread.start();
        }

        void register(WebSocketLink link) {
            link.loop = this;
            joining.add(link);
            selector.wakeup();
        }

        private void run() {
            while (true) {
                try {
                    selector.select();
                    for (WebSocketLink link; (link = joining.poll()) != null;) {
                        if (link.channel.isOpen()) { // not cut before it got here
                            link.channel.register(selector, SelectionKey.OP_READ, link);
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read((WebSocketLink) key.attachment(), key);
                    }
                    selector.selectedKeys().clear();
                } catch (IOException | RuntimeException e) {
                    System.err.println("websocket reader: " + e);
                }
            }
        }

        private void read(WebSocketLink link, SelectionKey key) {
            buffer.clear();
            int read;
            try {
                read = link.channel.read(buffer);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                key.cancel();
                try {
                    link.channel.close();
                } catch (IOException e) {
                    // closed
                }
                return;
            }
            link.received(buffer.flip());
        }
    }
}
