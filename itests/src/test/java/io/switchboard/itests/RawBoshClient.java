package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import org.w3c.dom.Element;

/**
 * XEP-0206 by hand over java.net.http, one request at a time unless asked otherwise, against the
 * plain loopback listener: bodies exactly as written, for the cases Smack never sends.
 */
public final class RawBoshClient {

    public static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    public static final String XBOSH = "urn:xmpp:xbosh";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri = URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + "/http-bind/");
    /** The local address to post from, or null for the default (127.0.0.1 through HttpClient). */
    private final String localAddress;
    private long rid = 4_000_000 + (long) (Math.random() * 1_000_000);
    private String sid;

    public RawBoshClient() {
        this(null);
    }

    private RawBoshClient(String localAddress) {
        this.localAddress = localAddress;
    }

    /** A client whose requests come from this local address (127.0.0.x: all loopback on Linux). */
    public static RawBoshClient from(String localAddress) {
        return new RawBoshClient(localAddress);
    }

    public String sid() {
        return sid;
    }

    /** The rid the next request will carry. */
    public long nextRid() {
        return rid;
    }

    /** Session creation: the response, with the session's terms and the stream features. */
    public Element create() throws Exception {
        Element response = Xml.parse(post("<body xmlns='" + HTTPBIND + "' xmlns:xmpp='" + XBOSH + "' rid='" + rid++
                + "' to='" + SwitchboardOptions.DOMAIN + "' wait='10' hold='1' xmpp:version='1.0' xml:lang='en'/>"));
        sid = Xml.attribute(response, "sid");
        return response;
    }

    /** A body with these elements, the next rid; answered when the server has something to say (or the wait is over). */
    public Element send(String elements) throws Exception {
        return Xml.parse(post(body(rid++, "", elements)));
    }

    /** As {@link #send}, without waiting for the answer. */
    public CompletableFuture<Element> sendAsync(String elements) {
        return http.sendAsync(request(body(rid++, "", elements)), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> Xml.parse(response.body()));
    }

    /** The text of a body with these attributes and elements at this rid, for the same rid twice. */
    public String body(long atRid, String attributes, String elements) {
        return "<body xmlns='" + HTTPBIND + "' xmlns:xmpp='" + XBOSH + "' sid='" + sid + "' rid='" + atRid + "'"
                + attributes + ">" + elements + "</body>";
    }

    public Element restart() throws Exception {
        return Xml.parse(post(body(rid++, " to='" + SwitchboardOptions.DOMAIN + "' xmpp:restart='true'", "")));
    }

    public Element terminate() throws Exception {
        return Xml.parse(post(body(rid++, " type='terminate'", "<presence type='unavailable' xmlns='jabber:client'/>")));
    }

    /** Creates a session, authenticates with PLAIN, restarts and binds: returns the full JID. */
    public String login(String user, String resource) throws Exception {
        create();
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + SwitchboardOptions.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Element success = send("<auth xmlns='" + RawXmppClient.SASL + "' mechanism='PLAIN'>" + plain + "</auth>");
        assertNotNull(Xml.toString(success), Xml.child(success, "success"));
        Element features = restart();
        assertNotNull(Xml.toString(features), Xml.child(Xml.child(features, "features"), "bind"));
        Element bound = send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        Element iq = Xml.child(bound, "iq");
        assertEquals(Xml.toString(bound), "result", Xml.attribute(iq, "type"));
        return Xml.childText(Xml.child(iq, "bind"), "jid");
    }

    /** Posts a body as it is; every BOSH answer is HTTP 200. */
    public String post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts these bytes as they are, even when they are not UTF-8. */
    public String post(byte[] body) throws Exception {
        if (localAddress != null) {
            BoundHttp.Response response = BoundHttp.send(localAddress, "POST", uri.getPath(),
                    java.util.Map.of("Content-Type", "text/xml; charset=utf-8"), body);
            assertEquals(response.body(), 200, response.status());
            return response.body();
        }
        HttpResponse<String> response = http.send(request(body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(response.body(), 200, response.statusCode());
        return response.body();
    }

    private HttpRequest request(String body) {
        return request(body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest request(byte[] body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
