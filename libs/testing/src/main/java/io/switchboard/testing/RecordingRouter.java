package io.switchboard.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

import io.switchboard.api.routing.Router;

/**
 * A router for one domain that delivers nothing: it records each stanza it is asked to route, and
 * each query the server sends, whose answer the test gives by completing its future.
 */
public final class RecordingRouter implements Router {

    /** The stanzas routed and not yet taken, oldest first. */
    public final List<Packet> routed = new ArrayList<>();
    /** The server's queries, oldest first, with the future each is waiting on. */
    public final Map<IQ, CompletableFuture<IQ>> queries = new LinkedHashMap<>();
    private final String domain;

    public RecordingRouter(String domain) {
        this.domain = domain;
    }

    /** The one stanza routed since the last call; fails if there was not exactly one. */
    public Packet takeRouted() {
        return Recorded.takeOnly(routed, "routed stanza");
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public void route(Packet packet) {
        routed.add(packet);
    }

    @Override
    public CompletableFuture<IQ> query(IQ request) {
        request.setFrom(domain);
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        queries.put(request, answer);
        return answer;
    }
}
