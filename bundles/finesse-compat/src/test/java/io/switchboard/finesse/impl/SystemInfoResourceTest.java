package io.switchboard.finesse.impl;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;

import io.switchboard.testing.RecordingRouter;

public class SystemInfoResourceTest {

    @Test
    public void itNamesTheDomainAndThePubSubService() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:15:30.123456Z"), ZoneOffset.UTC);
        Element info = DocumentHelper.parseText(new SystemInfoResource(new RecordingRouter("uccxpub.prabhat.com"), clock)
                .systemInfo()).getRootElement();

        assertEquals("SystemInfo", info.getName());
        assertEquals("uccxpub.prabhat.com", info.elementText("xmppDomain"));
        assertEquals("pubsub.uccxpub.prabhat.com", info.elementText("xmppPubSubDomain"));
        assertEquals("IN_SERVICE", info.elementText("status"));
        assertEquals("2026-11-24T10:15:30.123Z", info.elementText("currentTimestamp"));
    }
}
