package io.switchboard.bench.jmh;

import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.switchboard.api.routing.SharedPayload;

/**
 * One published item written to 200 subscribers, per subscriber: each notification a message of its
 * own addressed to one subscriber around the same item, the item rendered once ({@link SharedPayload},
 * what the server does) or with the whole stanza rendered every time (for comparison).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutSerialization {

    private static final int SUBSCRIBERS = 200;

    private Element item;
    private SharedPayload shared;

    @Setup
    public void setUp() throws Exception {
        item = DocumentHelper.parseText("<item id='i1'><notification xmlns='http://jabber.org/protocol/pubsub'>"
                + Samples.USER_UPDATE + "</notification></item>").getRootElement();
        shared = new SharedPayload(item);
    }

    @Benchmark
    @OperationsPerInvocation(SUBSCRIBERS)
    public int sharedPayload() throws Exception {
        int bytes = 0;
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Element message = notification(i);
            message.element("event").element("items").add(shared);
            StringWriter out = new StringWriter(2048);
            SharedPayload.write(message, out);
            bytes += out.getBuffer().length();
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(SUBSCRIBERS)
    public int renderedEachTime() {
        int bytes = 0;
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Element message = notification(i);
            message.element("event").element("items").add(item.createCopy());
            bytes += message.asXML().length();
        }
        return bytes;
    }

    private static Element notification(int subscriber) {
        Element message = DocumentHelper.createElement("message");
        message.addAttribute("from", "pubsub.localhost").addAttribute("to", "agent" + subscriber + "@localhost/desktop")
                .addAttribute("id", "n" + subscriber);
        message.addElement("event", "http://jabber.org/protocol/pubsub#event").addElement("items")
                .addAttribute("node", "/finesse/api/User/1001001");
        return message;
    }
}
