package io.switchboard.transport.websocket.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;
import io.switchboard.testing.Configurations;

/**
 * The transport queues frames and writer threads hand them to Jetty in batches; over a real Jetty
 * and a real client, a burst comes out whole and in order, and a stream closed right after the
 * burst is closed after it (the close does not overtake frames still queued).
 */
public class QueuedWritesTest {

    private static final int BURST = 500;

    private Server server;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** Answers the stream's open; a {@code <burst n='…'/>} from the client is answered with n messages and a close. */
    private final StreamPipeline pipeline = transport -> new XmppStream() {
        @Override
        public void opened(String to, String version, String lang) {
            transport.openStream("example.com", "s1", "1.0", "en");
        }

        @Override
        public void received(Element element) {
            int count = Integer.parseInt(element.attributeValue("n"));
            for (int i = 0; i < count; i++) {
                Element message = DocumentHelper.createElement("message");
                message.addAttribute("id", String.valueOf(i));
                // most small enough to be gathered into a batch, every tenth too large for one
                message.addElement("body").setText("x".repeat(i % 10 == 0 ? 20_000 : i));
                transport.send(message);
            }
            transport.closeStream();
        }

        @Override
        public void closed() {
        }

        @Override
        public void failed(StreamError.Condition condition, String text) {
        }

        @Override
        public void disconnected() {
        }
    };

    @Before
    public void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new WebSocketTransport(pipeline, Configurations.of(WebSocketConfiguration.class)).handler(server));
        server.start();
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    @Test
    public void aBurstComesOutWholeAndInOrderAndTheCloseAfterIt() throws Exception {
        WebSocket socket = connect();
        socket.sendText("<open xmlns='" + FrameWriter.FRAMING_NS + "' to='example.com' version='1.0'/>", true).join();
        assertEquals("open", DocumentHelper.parseText(next()).getRootElement().getName());

        socket.sendText("<burst xmlns='jabber:client' n='" + BURST + "'/>", true).join();
        List<String> ids = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            ids.add(DocumentHelper.parseText(next()).getRootElement().attributeValue("id"));
            expected.add(String.valueOf(i));
        }
        assertEquals(expected, ids);
        assertEquals(FrameWriter.CLOSE, next());
        assertEquals(1000, (int) closed.get(10, TimeUnit.SECONDS));
    }

    private String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        assertNotNull("no frame within 10 s", frame);
        return frame;
    }

    private WebSocket connect() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(WebSocketTransport.SUBPROTOCOL)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).join();
    }
}
