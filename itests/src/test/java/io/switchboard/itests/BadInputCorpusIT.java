package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * Sends every case of the malformed-input corpus ({@code src/test/resources/corpus}) over every
 * transport it names, each on a fresh connection, and checks the exact error; after each case a
 * well-behaved session on each transport must still get its pings answered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadInputCorpusIT {

    private static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
    private static final Pattern BYTE = Pattern.compile("\\$\\{BYTE:([0-9a-fA-F]{2})}");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(BadInputCorpusIT.class, Map.of(
                "io.switchboard.transport.websocket", List.of("maxMessageSize = 10000", "maxElementDepth = 16"),
                "io.switchboard.transport.tcp", List.of("maxStanzaSize = 10000", "maxElementDepth = 16"),
                "io.switchboard.transport.bosh", List.of("maxBodySize = 10000", "maxElementDepth = 16")));
    }

    /** A case of cases.tsv; {@code boshExpected} is BOSH's own terminate condition where it differs. */
    private record Case(String name, String stage, String expected, List<String> transports, String boshExpected) {

        String expected(String transport) {
            return transport.equals("bosh") && boshExpected != null ? boshExpected : expected;
        }
    }

    @Test
    public void everyCaseGetsItsErrorOnEveryTransportAndNobodyElseNotices() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
        List<Case> cases = Files.readAllLines(CORPUS.resolve("cases.tsv")).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.split("\t"))
                .map(columns -> new Case(columns[0], columns[1], columns[2], List.of(columns[3].split(" ")),
                        columns.length > 4 ? columns[4] : null))
                .toList();
        assertTrue("the corpus is there", cases.size() >= 20);

        List<String> wrong = new ArrayList<>();
        try (RawXmppClient webBystander = RawXmppClient.connect(); RawTcpClient tcpBystander = RawTcpClient.connectDirectTls()) {
            webBystander.login("agent2", "web-bystander");
            tcpBystander.open(DOMAIN);
            tcpBystander.login("agent2", "tcp-bystander");
            int pings = 0;
            for (Case corpusCase : cases) {
                for (String transport : corpusCase.transports()) {
                    String got;
                    try {
                        got = switch (transport) {
                            case "ws" -> overWebSocket(corpusCase);
                            case "tcp" -> overTcp(corpusCase);
                            default -> overBosh(corpusCase);
                        };
                    } catch (Exception | AssertionError e) {
                        got = e.toString();
                    }
                    if (!corpusCase.expected(transport).equals(got)) {
                        wrong.add(corpusCase.name() + " over " + transport + ": expected " + corpusCase.expected(transport) + ", got " + got);
                    }
                    webBystander.ping("after-" + ++pings);
                    tcpBystander.ping();
                }
            }
        }
        assertEquals("cases answered wrongly", List.of(), wrong);
    }

    /** Runs the case over RFC 7395; returns the error it got, as cases.tsv writes it. */
    private String overWebSocket(Case corpusCase) throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            switch (corpusCase.stage()) {
                case "open" -> client.open(DOMAIN);
                case "bound" -> client.login("agent1", "corpus");
                default -> { }
            }
            client.send(new String(payload(corpusCase, "ws"), StandardCharsets.UTF_8));
            Element answer = client.next();
            while (isEvent(answer)) {
                answer = client.next();
            }
            if ("open".equals(Xml.name(answer))) {
                answer = client.next(); // RFC 6120 4.9.1.1: the server opens its stream before the error
            }
            String error = errorOf(answer);
            if (error.startsWith("stanza:")) {
                client.ping("still-open");
            } else {
                assertEquals("close", Xml.name(client.next()));
                client.awaitClosed();
            }
            return error;
        }
    }

    /** Runs the case over TCP with direct TLS; returns the error it got. */
    private String overTcp(Case corpusCase) throws Exception {
        try (RawTcpClient client = RawTcpClient.connectDirectTls()) {
            switch (corpusCase.stage()) {
                case "open" -> client.open(DOMAIN);
                case "bound" -> {
                    client.open(DOMAIN);
                    client.login("agent1", "corpus");
                }
                default -> { }
            }
            client.send(payload(corpusCase, "tcp"));
            if (corpusCase.stage().equals("connect")) {
                client.readServerHeader(); // RFC 6120 4.9.1.1: the server opens its stream before the error
            }
            Element answer = client.next();
            while (isEvent(answer)) {
                answer = client.next();
            }
            String error = errorOf(answer);
            if (error.startsWith("stanza:")) {
                client.ping();
            } else {
                assertEquals("the stream ends after the error", null, client.next());
                assertTrue(client.awaitClosed());
            }
            return error;
        }
    }

    /** What a bound session receives anyway: presence, notifications, the server's own queries; not errors. */
    private static boolean isEvent(Element element) {
        return element != null && !"error".equals(Xml.attribute(element, "type"))
                && List.of("message", "presence", "iq").contains(Xml.name(element));
    }

    /**
     * Runs the case over BOSH: the payload inside a body of the session (or, with a .bosh.xml file,
     * the whole HTTP body, ${SID} and ${RID} replaced). A stream error comes inside a
     * remote-stream-error terminate and is returned as its condition; BOSH's own terminate
     * conditions are returned as "bosh:condition".
     */
    private String overBosh(Case corpusCase) throws Exception {
        RawBoshClient client = new RawBoshClient();
        switch (corpusCase.stage()) {
            case "open" -> client.create();
            case "bound" -> client.login("agent1", "corpus");
            default -> { }
        }
        Path whole = CORPUS.resolve(corpusCase.name() + ".bosh.xml");
        byte[] payload = payload(corpusCase, "bosh");
        String answer;
        if (Files.exists(whole)) {
            answer = client.post(new String(payload, StandardCharsets.UTF_8)
                    .replace("${SID}", String.valueOf(client.sid())).replace("${RID}", String.valueOf(client.nextRid())));
        } else { // the bytes around the payload as they are, so that invalid UTF-8 stays invalid
            String[] around = client.body(client.nextRid(), "", "\0").split("\0");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(around[0].getBytes(StandardCharsets.UTF_8));
            bytes.write(payload);
            bytes.write(around[1].getBytes(StandardCharsets.UTF_8));
            answer = client.post(bytes.toByteArray());
        }
        Element body = Xml.parse(answer);
        if ("terminate".equals(Xml.attribute(body, "type"))) {
            String condition = Xml.attribute(body, "condition");
            return "remote-stream-error".equals(condition) ? errorOf(Xml.child(body, "error")) : "bosh:" + condition;
        }
        for (Element element : Xml.children(body, "*")) {
            if (!isEvent(element)) {
                return errorOf(element);
            }
        }
        return "no error in " + answer;
    }

    /** "condition" for a stream error, "stanza:condition" for a stanza error, else what the element was. */
    private static String errorOf(Element answer) {
        if (answer == null) {
            return "the stream ended without an error";
        }
        if ("error".equals(Xml.name(answer)) && RawXmppClient.STREAMS.equals(Xml.namespace(answer))) {
            Element condition = Xml.children(answer, "*").get(0);
            assertEquals(RawXmppClient.STREAM_ERRORS, Xml.namespace(condition));
            return Xml.name(condition);
        }
        if ("error".equals(Xml.attribute(answer, "type"))) {
            Element condition = Xml.children(Xml.child(answer, "error"), "*").get(0);
            return "stanza:" + Xml.name(condition);
        }
        return "no error but " + Xml.name(answer);
    }

    /** The case's bytes for this transport, with ${DOMAIN} and ${BYTE:xx} replaced. */
    private static byte[] payload(Case corpusCase, String transport) throws Exception {
        Path specific = CORPUS.resolve(corpusCase.name() + "." + transport + ".xml");
        Path file = Files.exists(specific) ? specific : CORPUS.resolve(corpusCase.name() + ".xml");
        String text = Files.readString(file, StandardCharsets.UTF_8).strip().replace("${DOMAIN}", DOMAIN);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher matcher = BYTE.matcher(text);
        int from = 0;
        while (matcher.find()) {
            bytes.write(text.substring(from, matcher.start()).getBytes(StandardCharsets.UTF_8));
            bytes.write(Integer.parseInt(matcher.group(1), 16));
            from = matcher.end();
        }
        bytes.write(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }
}
