package io.switchboard.eventsource.http.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.events.Agent;
import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.Team;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.http.HttpMount;

/**
 * One HTTP ingest endpoint per factory configuration: an external system POSTs events to its path
 * on the server's HTTP listeners, with its API key. See {@link Ingest} for what is checked and
 * answered, {@link EventReader} for the events.
 */
@Component(service = {HttpMount.class, EventSource.class, ContactCentreDirectory.class}, immediate = true,
        configurationPid = HttpSourceConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpSourceConfiguration.class, factory = true)
public class HttpEventSource implements HttpMount, EventSource, ContactCentreDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEventSource.class);

    private final String name;
    private final String path;
    private final Directory directory;
    private final Ingest ingest;
    private volatile boolean stopped;

    @Activate
    public HttpEventSource(@Reference ContactCentreEvents events, HttpSourceConfiguration config) {
        String pid = HttpSourceConfiguration.PID;
        path = config.path();
        if (path == null || !path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException(pid + ": path '" + path + "' must start with '/' and name a place, e.g. /events");
        }
        if (config.apiKey() == null || config.apiKey().isBlank()) {
            throw new IllegalArgumentException(pid + " (" + path + "): apiKey is required");
        }
        if (config.maxBodyBytes() < 1 || config.maxEventsPerRequest() < 1) {
            throw new IllegalArgumentException(pid + " (" + path + "): maxBodyBytes and maxEventsPerRequest must be at least 1");
        }
        name = config.name().isBlank() ? "http:" + path : config.name();
        directory = new Directory(pid, config.teams(), config.agents(), config.supervisors());
        EventSink sink = config.nodePrefix().isBlank() ? events.sink(name) : events.sink(name, config.nodePrefix());
        TokenBucket bucket;
        try {
            bucket = new TokenBucket(config.maxRequestsPerSecond(), config.burst(), System::nanoTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pid + " (" + path + "): maxRequestsPerSecond and burst: " + e.getMessage());
        }
        // the agents' and teams' nodes before the first event, so desktops can subscribe at once
        for (String agent : directory.agents()) {
            Team team = directory.teamOf(agent).orElse(null);
            sink.createNodes(new AgentStateEvent(new Agent(agent, null, null, null, null, team), AgentState.LOGOUT, null, null, Instant.EPOCH));
        }
        ingest = new Ingest(name, config.apiKey(), bucket, new EventReader(directory, Clock.systemUTC()), sink,
                config.maxBodyBytes(), config.maxEventsPerRequest());
        LOG.info("HTTP event source {} at {}: {} agents, nodes under {}", name, path, directory.agents().size(), sink.nodePrefix());
    }

    @Deactivate
    void deactivate() {
        stopped = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public State state() {
        return stopped ? State.STOPPED : ingest.failing() ? State.FAILING : State.RUNNING;
    }

    @Override
    public ContactCentreDirectory directory() {
        return this;
    }

    @Override
    public Set<String> supervisedTeams(String userId) {
        return directory.supervisedTeams(userId);
    }

    @Override
    public ContextHandler handler(Server server) {
        ContextHandler context = new ContextHandler(path);
        context.setAllowNullPathInContext(true); // the endpoint is the path itself
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Ingest.Answer answer = ingest.handle(request.getMethod(), request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                        request.getHeaders().get("X-API-Key"), request.getHeaders().get(HttpHeader.AUTHORIZATION),
                        request.getLength(), Content.Source.asInputStream(request));
                response.setStatus(answer.status());
                answer.headers().forEach((header, value) -> response.getHeaders().put(header, value));
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
                Content.Sink.write(response, true, answer.json(), callback);
                return true;
            }
        });
        return context;
    }

    @Override
    public String toString() {
        return "HTTP event source " + name + " at " + path;
    }
}
