package io.switchboard.eventsource.http.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.pubsub.StoreException;

/**
 * One POST of events, whatever serves HTTP: checked in this order, each failure answered with its
 * status and a JSON body naming the field ({@code {"error": …, "field": …}}): the method (405), the
 * API key (401 missing, 403 wrong), the rate (429), the content type (415), the size (413), then
 * the events, all read and validated (400, 422) before the first is published; then all of them are
 * stored together or, when the store fails (503), none is.
 */
final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    /** What to answer. */
    record Answer(int status, String json, Map<String, String> headers) {
    }

    private final String name;
    private final byte[] apiKey;
    private final TokenBucket bucket;
    private final EventReader reader;
    private final EventSink sink;
    private final int maxBodyBytes;
    private final int maxEvents;
    private volatile boolean failing;

    Ingest(String name, String apiKey, TokenBucket bucket, EventReader reader, EventSink sink, int maxBodyBytes, int maxEvents) {
        this.name = name;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.bucket = bucket;
        this.reader = reader;
        this.sink = sink;
        this.maxBodyBytes = maxBodyBytes;
        this.maxEvents = maxEvents;
    }

    /** True after publishing failed in the store, until a publication succeeds again. */
    boolean failing() {
        return failing;
    }

    /**
     * @param key the X-API-Key header, or null
     * @param authorization the Authorization header, or null
     * @param contentLength the Content-Length, -1 when not given
     */
    Answer handle(String method, String contentType, String key, String authorization, long contentLength, InputStream body) {
        if (!"POST".equals(method)) {
            return new Answer(405, error("method", method + " is not allowed; POST events here"), Map.of("Allow", "POST"));
        }
        String given = key != null ? key : bearer(authorization);
        if (given == null) {
            return new Answer(401, error("X-API-Key", "missing API key: send it in X-API-Key or Authorization: Bearer"),
                    Map.of("WWW-Authenticate", "Bearer realm=\"switchboard\""));
        }
        if (!MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
            return answer(new BadEvent(403, "X-API-Key", "wrong API key"));
        }
        if (!bucket.tryTake()) {
            return new Answer(429, error("(rate)", "too many requests for source " + name),
                    Map.of("Retry-After", String.valueOf(bucket.secondsToWait())));
        }
        try {
            boolean json = isJson(contentType);
            if (!json && !isXml(contentType)) {
                throw new BadEvent(415, "Content-Type", "Content-Type '" + contentType + "' is neither JSON (application/json) nor XML (application/xml)");
            }
            byte[] bytes = read(contentLength, body);
            List<Fields> fields = json ? RequestBody.json(bytes) : RequestBody.xml(bytes);
            if (fields.isEmpty()) {
                throw BadEvent.badRequest("events", "no events");
            }
            if (fields.size() > maxEvents) {
                throw new BadEvent(413, "events", fields.size() + " events in one request; at most " + maxEvents);
            }
            List<ContactCentreEvent> events = new ArrayList<>();
            for (Fields event : fields) {
                events.add(reader.read(event));
            }
            return publish(events);
        } catch (BadEvent e) {
            return answer(e);
        }
    }

    private Answer publish(List<ContactCentreEvent> events) {
        JsonArray nodes = new JsonArray();
        try {
            sink.publish(events).forEach(nodes::add); // all of them or, when the store fails, none
        } catch (StoreException e) {
            failing = true;
            LOG.warn("HTTP event source {}: publishing failed", name, e);
            return new Answer(503, error("(store)", "the events could not be stored; try again"), Map.of("Retry-After", "5"));
        }
        failing = false;
        JsonObject answer = new JsonObject();
        answer.addProperty("published", events.size());
        answer.add("nodes", nodes);
        return new Answer(200, answer.toString(), Map.of());
    }

    private byte[] read(long contentLength, InputStream body) throws BadEvent {
        if (contentLength > maxBodyBytes) {
            throw tooLarge();
        }
        try {
            byte[] bytes = body.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw BadEvent.badRequest("(body)", "the body could not be read: " + e.getMessage());
        }
    }

    private BadEvent tooLarge() {
        return new BadEvent(413, "(body)", "the body is larger than " + maxBodyBytes + " bytes");
    }

    private static Answer answer(BadEvent e) {
        return new Answer(e.status, error(e.field, e.getMessage()), Map.of());
    }

    private static String error(String field, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        error.addProperty("field", field);
        return error.toString();
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static boolean isXml(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml");
    }
}
