package io.switchboard.eventsource.http.impl;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any Json request body: events, or a {@link BadEvent} (a 4xx answer to the sender), and
 * nothing else. The corpus is JsonEventsFuzzTestInputs.
 */
class JsonEventsFuzzTest {

    private static final EventReader READER = new EventReader(new Directory("pid", new String[] {"1:Sales", "2:Support"},
            new String[] {"agent1:1", "agent2:2", "solo"}, new String[] {"boss:1"}), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @FuzzTest(maxDuration = "10m")
    void bodiesMakeEventsOrABadEvent(byte[] body) {
        try {
            for (Fields fields : RequestBody.json(body)) {
                assertNotNull(READER.read(fields));
            }
        } catch (BadEvent expected) {
            assertNotNull(expected.getMessage());
        }
    }
}
