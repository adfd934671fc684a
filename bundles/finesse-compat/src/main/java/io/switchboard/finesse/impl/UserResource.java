package io.switchboard.finesse.impl;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

import io.switchboard.api.agent.AgentStates;
import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.logins.LoginGuard;
import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.finesse.impl.RestExchange.ApiError;
import io.switchboard.http.HttpMount;

/**
 * Finesse's User and Team REST resources, as far as a desktop or the board needs them, answered
 * by the event sources ({@link AgentStates}), with HTTP Basic checked by the authentication provider:
 * <ul>
 * <li>{@code GET /finesse/api/User/<id>}: the user, to itself or to a supervisor of its team;</li>
 * <li>{@code PUT /finesse/api/User/<id>} with {@code <User><state>READY</state></User>} (and
 * {@code <reasonCodeId>} for NOT_READY): the user changes its own state, 202;</li>
 * <li>{@code GET /finesse/api/Team/<id>}: the team with its agents' states, to its supervisors.</li>
 * </ul>
 */
@Component(service = {}, immediate = true)
public class UserResource {

    static final String USER_PATH = "/finesse/api/User";
    static final String TEAM_PATH = "/finesse/api/Team";
    private static final int MAX_BODY = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UserResource.class);

    private final List<AgentStates> sources = new CopyOnWriteArrayList<>();
    private final List<ContactCentreDirectory> directories = new CopyOnWriteArrayList<>();
    /** The brute-force protection SASL uses too: failed HTTP logins count with failed XMPP logins. */
    @Reference
    private LoginGuard guard;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider provider;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(AgentStates source) {
        sources.add(source);
    }

    void removeSource(AgentStates source) {
        sources.remove(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDirectory(ContactCentreDirectory directory) {
        directories.add(directory);
    }

    void removeDirectory(ContactCentreDirectory directory) {
        directories.remove(directory);
    }

    private final List<ServiceRegistration<HttpMount>> mounts = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        mounts.add(context.registerService(HttpMount.class, new Mount(USER_PATH, this::userHandler), null));
        mounts.add(context.registerService(HttpMount.class, new Mount(TEAM_PATH, this::teamHandler), null));
    }

    @Deactivate
    void deactivate() {
        mounts.forEach(ServiceRegistration::unregister);
        mounts.clear();
    }

    /** One resource on the HTTP server. */
    private record Mount(String path, Supplier<ContextHandler> handler) implements HttpMount {
        @Override
        public ContextHandler handler(Server server) {
            return handler.get();
        }

        @Override
        public String toString() {
            return "Finesse REST " + path;
        }
    }

    ContextHandler userHandler() {
        return context(USER_PATH, (request, user) -> switch (request.getMethod()) {
            case "GET" -> getUser(user, RestExchange.id(request));
            case "PUT" -> putUser(request, user, RestExchange.id(request));
            default -> throw new ApiError(405, "Method Not Allowed", request.getMethod() + " is not allowed here (GET, PUT)");
        });
    }

    ContextHandler teamHandler() {
        return context(TEAM_PATH, (request, user) -> {
            if (!HttpMethod.GET.is(request.getMethod())) {
                throw new ApiError(405, "Method Not Allowed", request.getMethod() + " is not allowed here (GET)");
            }
            String teamId = RestExchange.id(request);
            if (!supervises(user, teamId)) {
                throw new ApiError(403, "Forbidden", user + " does not supervise team " + teamId);
            }
            return first(source -> source.team(teamId))
                    .orElseThrow(() -> new ApiError(404, "Not Found", "no team " + teamId));
        });
    }

    private Element getUser(String user, String id) throws ApiError {
        Element document = first(source -> source.user(id)).orElse(null);
        boolean allowed = user.equals(id) || document != null && supervises(user, document.elementText("teamId"));
        if (!allowed) {
            throw new ApiError(403, "Forbidden", user + " may not read user " + id);
        }
        if (document == null) {
            throw new ApiError(404, "Not Found", "no user " + id + " in any event source");
        }
        return document;
    }

    private Element putUser(Request request, String user, String id) throws ApiError {
        if (!user.equals(id)) {
            throw new ApiError(403, "Forbidden", user + " may change only its own state, not " + id + "'s");
        }
        Element body = body(request);
        String state = body.elementTextTrim("state");
        if (!"User".equals(body.getName()) || state == null || state.isEmpty()) {
            throw new ApiError(400, "Invalid Input", "the body must be <User><state>READY or NOT_READY</state></User>");
        }
        String reasonCodeId = body.elementTextTrim("reasonCodeId");
        try {
            for (AgentStates source : sources) {
                if (source.changeState(id, state, reasonCodeId)) {
                    LOG.debug("{} set its state to {} (reason {})", id, state, reasonCodeId);
                    return null;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Invalid Input", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiError(400, "Invalid State", e.getMessage());
        }
        throw new ApiError(404, "Not Found", "no user " + id + " in any event source");
    }

    private static Element body(Request request) throws ApiError {
        if (request.getLength() > MAX_BODY) {
            throw new ApiError(413, "Invalid Input", "the body is larger than " + MAX_BODY + " bytes");
        }
        try {
            String text = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (text.length() > MAX_BODY) {
                throw new ApiError(413, "Invalid Input", "the body is larger than " + MAX_BODY + " bytes");
            }
            SAXReader reader = new SAXReader();
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return reader.read(new StringReader(text)).getRootElement();
        } catch (DocumentException | SAXException e) {
            throw new ApiError(400, "Invalid Input", "the body is not well-formed XML: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "Invalid Input", "the body could not be read: " + e.getMessage());
        }
    }

    private boolean supervises(String user, String teamId) {
        return teamId != null && directories.stream().anyMatch(directory -> directory.supervisedTeams(user).contains(teamId));
    }

    private Optional<Element> first(Function<AgentStates, Optional<Element>> question) {
        for (AgentStates source : sources) {
            Optional<Element> answer = question.apply(source);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    /** What a resource does for an authenticated user: a document to answer with (200), or null (202). */
    private interface Resource {
        Element handle(Request request, String user) throws ApiError;
    }

    private static void answer(String path, Resource resource, Request request, String user, Response response, Callback callback) {
        try {
            Element answer = resource.handle(request, user);
            if (answer == null) {
                RestExchange.empty(response, callback, 202);
            } else {
                RestExchange.xml(response, callback, 200, answer);
            }
        } catch (ApiError error) {
            if (error.status == 405) {
                response.getHeaders().put(HttpHeader.ALLOW, path.equals(USER_PATH) ? "GET, PUT" : "GET");
            }
            RestExchange.error(request, response, callback, error);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            RestExchange.error(request, response, callback, new ApiError(500, "Server Error", String.valueOf(e.getMessage())));
        }
    }

    /**
     * Runs the answer now, or after the login guard's delay: Jetty's scheduler wakes it and its pool
     * runs it, so a slowed login holds no thread while it waits (the request stays open).
     */
    private static void later(Request request, Duration delay, Runnable answer) {
        if (delay.isZero()) {
            answer.run();
            return;
        }
        Executor pool = request.getComponents().getThreadPool();
        request.getComponents().getScheduler().schedule(() -> pool.execute(answer), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ContextHandler context(String path, Resource resource) {
        ContextHandler context = new ContextHandler(path);
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                RestExchange.Login login;
                try {
                    login = RestExchange.authenticate(request, provider, guard);
                } catch (ApiError error) {
                    later(request, error.delay, () -> RestExchange.error(request, response, callback, error));
                    return true;
                }
                later(request, login.delay(), () -> answer(path, resource, request, login.user(), response, callback));
                return true;
            }
        });
        return context;
    }
}
