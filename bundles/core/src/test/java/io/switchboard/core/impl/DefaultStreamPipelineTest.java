package io.switchboard.core.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;

import io.switchboard.api.stream.StreamFeature;
import io.switchboard.api.stream.XmppStream;
import io.switchboard.testing.TestServices;

/** The pipeline's feature whiteboard and its streams' life cycle. */
public class DefaultStreamPipelineTest {

    private static final String PRE = StreamFeature.STAGE_PRE_AUTH;
    private static final String POST = StreamFeature.STAGE_POST_AUTH;

    private DefaultStreamPipeline pipeline;

    @Before
    public void createPipeline() {
        TestServices services = new TestServices();
        LocalSessions sessions = new LocalSessions(services.context());
        pipeline = new DefaultStreamPipeline(new DefaultRouter(services.context(), sessions,
                CoreConfigs.config("example.com")), sessions, CoreConfigs.limits());
    }

    @Test
    public void featuresAreListedPerStageHighestRankingFirst() {
        FakeFeature low = feature("low");
        FakeFeature high = feature("high");
        FakeFeature unranked = feature("unranked");
        FakeFeature later = feature("later");
        pipeline.addFeature(low, properties("urn:low", PRE, 1));
        pipeline.addFeature(high, properties("urn:high", PRE, 50));
        pipeline.addFeature(unranked, Map.of(StreamFeature.NAMESPACE, "urn:unranked", StreamFeature.STAGE, PRE));
        pipeline.addFeature(later, properties("urn:later", POST, 100));

        assertEquals(List.of(high, low, unranked), pipeline.features(PRE));
        assertEquals(List.of(later), pipeline.features(POST));
    }

    @Test
    public void anElementGoesToTheHighestRankingFeatureOfItsStageAndNamespace() {
        FakeFeature fallback = feature("fallback");
        FakeFeature preferred = feature("preferred");
        pipeline.addFeature(fallback, properties("urn:sasl", PRE, 0));
        pipeline.addFeature(preferred, properties("urn:sasl", PRE, 10));

        assertSame(preferred, pipeline.feature(PRE, "urn:sasl"));
        assertNull("not in the other stage", pipeline.feature(POST, "urn:sasl"));
        assertNull(pipeline.feature(PRE, "urn:other"));

        pipeline.removeFeature(preferred);
        assertSame(fallback, pipeline.feature(PRE, "urn:sasl"));
    }

    @Test
    public void anAddressGetsSoManyUnauthenticatedConnectionsAndOneMoreAfterOneEnds() {
        pipeline.modified(CoreConfigs.limits("maxUnauthenticatedPerAddress", 2));
        RecordingTransport first = new RecordingTransport();
        XmppStream firstStream = pipeline.open(first);
        pipeline.open(new RecordingTransport());
        RecordingTransport third = new RecordingTransport();
        pipeline.open(third);
        assertEquals("policy-violation", third.endingStreamError());

        firstStream.disconnected();
        RecordingTransport fourth = new RecordingTransport();
        pipeline.open(fourth).opened("example.com", "1.0", "en");
        assertTrue("admitted once another left", !fourth.isClosed());
    }

    @Test
    public void aClientTooFastIsReadMoreSlowlyThenEnded() {
        pipeline.modified(CoreConfigs.limits("maxStanzasPerSecond", 1, "stanzaBurst", 2));
        pipeline.addFeature(feature("patient"), properties("urn:patient", PRE, 0)); // takes anything, ends nothing
        RecordingTransport transport = new RecordingTransport();
        XmppStream stream = pipeline.open(transport);
        stream.opened("example.com", "1.0", "en");
        org.dom4j.Element element = org.dom4j.DocumentHelper.createElement(org.dom4j.QName.get("try", "urn:patient"));
        stream.received(element.createCopy());
        stream.received(element.createCopy());
        assertEquals("within the burst", List.of(), transport.requests);
        stream.received(element.createCopy());
        assertEquals(List.of("pauseReading"), transport.requests);
        stream.received(element.createCopy());
        stream.received(element.createCopy());
        assertEquals("policy-violation", transport.endingStreamError());
    }

    @Test
    public void deactivatingEndsEveryOpenStreamWithSystemShutdown() {
        RecordingTransport first = new RecordingTransport();
        RecordingTransport second = new RecordingTransport();
        pipeline.open(first).opened("example.com", "1.0", "en");
        pipeline.open(second).opened("example.com", "1.0", "en");

        pipeline.deactivate();

        for (RecordingTransport transport : List.of(first, second)) {
            assertEquals("system-shutdown", transport.endingStreamError());
        }
    }

    @Test
    public void aStreamThatEndedIsNotClosedAgainOnDeactivation() {
        RecordingTransport transport = new RecordingTransport();
        XmppStream stream = pipeline.open(transport);
        stream.opened("example.com", "1.0", "en");
        stream.closed();
        transport.clear();

        pipeline.deactivate();

        assertTrue(transport.written.isEmpty());
    }

    private static FakeFeature feature(String name) {
        return new FakeFeature(name, "urn:" + name, (element, negotiation) -> { });
    }

    private static Map<String, Object> properties(String namespace, String stage, int ranking) {
        return Map.of(StreamFeature.NAMESPACE, namespace, StreamFeature.STAGE, stage, Constants.SERVICE_RANKING, ranking);
    }
}
