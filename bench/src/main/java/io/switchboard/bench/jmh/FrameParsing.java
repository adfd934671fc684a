package io.switchboard.bench.jmh;

import java.io.StringReader;
import java.util.concurrent.TimeUnit;

import org.dom4j.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xml.sax.InputSource;

import io.switchboard.xmldocument.RestrictedXmlReader;

/**
 * One RFC 7395 frame into a dom4j stanza, as the WebSocket transport parses every frame it receives
 * (one reader per thread, as there), for a ping and for a pubsub publish of a Finesse-sized item.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameParsing {

    @Param({"ping", "publish"})
    public String frame;

    private String text;
    private RestrictedXmlReader reader;

    @Setup
    public void setUp() {
        reader = new RestrictedXmlReader(48, 64, (namespace, depth) -> RestrictedXmlReader.JABBER_CLIENT.equals(namespace));
        text = switch (frame) {
            case "ping" -> "<iq xmlns='jabber:client' type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>";
            case "publish" -> "<iq xmlns='jabber:client' type='set' id='b42' to='pubsub.localhost'>"
                    + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='/finesse/api/User/1001001'>"
                    + "<item id='i1'><notification xmlns='http://jabber.org/protocol/pubsub'>" + Samples.USER_UPDATE
                    + "</notification></item></publish></pubsub></iq>";
            default -> throw new IllegalArgumentException(frame);
        };
    }

    @Benchmark
    public Element parse() throws Exception {
        return reader.read(new InputSource(new StringReader(text)));
    }
}
