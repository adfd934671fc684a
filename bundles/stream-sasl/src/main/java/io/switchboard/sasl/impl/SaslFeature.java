package io.switchboard.sasl.impl;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.logins.LoginCheck;
import io.switchboard.api.logins.LoginGuard;
import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.sasl.SaslExchange;
import io.switchboard.api.sasl.SaslMechanism;
import io.switchboard.api.sasl.SaslStep;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;
import io.switchboard.api.threads.DaemonThreads;

/**
 * SASL authentication (RFC 6120 section 6) with the {@link SaslMechanism} services registered,
 * highest ranking first. Credentials are checked by the highest-ranked {@link AuthProvider}
 * present when an attempt starts, so swapping providers takes effect for the next login and never
 * touches authenticated sessions.
 * <p>Brute force is left to the {@link LoginGuard}: an address it bans gets {@code <not-authorized/>}
 * with a text saying why, then a {@code policy-violation} stream error; a login it slows down is
 * answered late by a scheduled task, never by holding the transport's thread (TCP answers on a
 * Netty event loop that serves many connections, WebSocket and BOSH on the HTTP server's pool).
 */
@Component(service = StreamFeature.class, property = {
        StreamFeature.NAMESPACE + "=" + SaslFeature.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_PRE_AUTH})
public class SaslFeature implements StreamFeature {

    static final String NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SaslFeature.class);
    private static final String ATTEMPTS = "sasl.attempts";
    private static final String EXCHANGE = "sasl.exchange";
    private static final String MECHANISM = "sasl.mechanism";
    /** An auth without initial response: the first response is the initial response (RFC 6120 6.4.2). */
    private static final String AWAITING_INITIAL = "sasl.awaiting-initial-response";
    /** The outcome is decided and will be sent after the slow-down: the client must wait for it. */
    private static final String ANSWER_PENDING = "sasl.answer-pending";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider authProvider;

    /** Counts logins by mechanism and outcome when a metrics bundle offers a registry. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeterRegistry meters;

    private final List<Ranked> mechanisms = new CopyOnWriteArrayList<>();
    private final LoginGuard guard;
    /** Answers of slowed-down logins; one thread, as it only writes a few elements when a delay ends. */
    private final ScheduledExecutorService delays;

    @Activate
    public SaslFeature(@Reference LoginGuard guard) {
        this(guard, Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("switchboard-sasl-slow-down")));
    }

    /** With an executor of the caller's, for tests. */
    SaslFeature(LoginGuard guard, ScheduledExecutorService delays) {
        this.guard = guard;
        this.delays = delays;
    }

    /** Answers already delayed still go out (the executor runs delayed tasks after shutdown); nothing new is taken. */
    @Deactivate
    void deactivate() {
        delays.shutdown();
    }

    /** For unit tests, which run without DS: what field injection does at runtime. */
    void setAuthProvider(AuthProvider provider) {
        this.authProvider = provider;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + SaslMechanism.NAME + "=*)")
    void addMechanism(SaslMechanism mechanism, Map<String, Object> properties) {
        mechanisms.add(new Ranked(mechanism, String.valueOf(properties.get(SaslMechanism.NAME)),
                properties.get(Constants.SERVICE_RANKING) instanceof Integer rank ? rank : 0));
        mechanisms.sort(null);
    }

    void removeMechanism(SaslMechanism mechanism) {
        mechanisms.removeIf(ranked -> ranked.mechanism == mechanism);
    }

    @Override
    public Element advertise(Negotiation stream) {
        Element offer = DocumentHelper.createElement(QName.get("mechanisms", NS));
        AuthProvider provider = authProvider;
        for (Ranked ranked : mechanisms) {
            if (provider == null || ranked.mechanism.isOffered(stream, provider)) {
                offer.addElement("mechanism").setText(ranked.name);
            }
        }
        return offer;
    }

    @Override
    public void process(Element element, Negotiation stream) {
        if (stream.attribute(ANSWER_PENDING) != null) {
            // RFC 6120 6.4.5: the client waits for the outcome of its attempt before anything else
            stream.fail(StreamError.Condition.policy_violation, "wait for the outcome of the authentication");
            return;
        }
        switch (element.getName()) {
            case "auth" -> start(element, stream);
            case "response" -> {
                SaslExchange exchange = (SaslExchange) stream.attribute(EXCHANGE);
                if (exchange == null) {
                    failure(stream, "malformed-request");
                } else {
                    stream.attribute(AWAITING_INITIAL, null);
                    evaluate(exchange, element.getTextTrim(), stream);
                }
            }
            case "abort" -> failure(stream, "aborted");
            default -> stream.fail(StreamError.Condition.not_authorized, "unexpected SASL element " + element.getName());
        }
    }

    private void start(Element auth, Negotiation stream) {
        String name = auth.attributeValue("mechanism");
        AuthProvider provider = authProvider;
        if (provider == null) {
            LOG.warn("Login refused: no AuthProvider is registered");
            failure(stream, "temporary-auth-failure");
            return;
        }
        LoginCheck check = guard.check(stream.remoteHost(), null);
        if (check.isRefused()) {
            banned(stream, check);
            return;
        }
        SaslMechanism mechanism = mechanisms.stream()
                .filter(ranked -> ranked.name.equals(name) && ranked.mechanism.isOffered(stream, provider))
                .map(ranked -> ranked.mechanism).findFirst().orElse(null);
        if (mechanism == null) {
            failure(stream, "invalid-mechanism");
            return;
        }
        SaslExchange exchange = mechanism.start(stream, provider);
        stream.attribute(EXCHANGE, exchange);
        stream.attribute(MECHANISM, name);
        if (auth.getTextTrim().isEmpty()) {
            // no initial response: ask for it with an empty challenge
            stream.attribute(AWAITING_INITIAL, Boolean.TRUE);
            stream.send(DocumentHelper.createElement(QName.get("challenge", NS)));
        } else {
            evaluate(exchange, auth.getTextTrim(), stream);
        }
    }

    private void evaluate(SaslExchange exchange, String base64, Negotiation stream) {
        byte[] message;
        try {
            message = "=".equals(base64) ? new byte[0] : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            failure(stream, "incorrect-encoding");
            return;
        }
        SaslStep step;
        try {
            step = exchange.evaluate(message);
        } catch (AuthStoreUnavailableException e) {
            // the provider logs the outage itself, once: a stack trace per login would bury that line
            LOG.info("Login from {} failed for now: {}", stream.remoteAddress(), e.getMessage());
            failure(stream, "temporary-auth-failure");
            return;
        } catch (RuntimeException e) {
            LOG.error("SASL exchange failed on {}", stream.remoteAddress(), e);
            failure(stream, "temporary-auth-failure");
            return;
        }
        if (step.isChallenge()) {
            Element challenge = DocumentHelper.createElement(QName.get("challenge", NS));
            challenge.setText(Base64.getEncoder().encodeToString(step.data()));
            stream.send(challenge);
        } else if (step.isSuccess() || step.username() != null) {
            outcome(step, stream);
        } else {
            if ("not-authorized".equals(step.failure())) {
                guard.failed(stream.remoteHost(), null); // a name that cannot be an account's: the address pays
            }
            failure(stream, step.failure());
        }
    }

    /** A login that named an account: refused if banned, else recorded and answered, late if the guard says so. */
    private void outcome(SaslStep step, Negotiation stream) {
        String host = stream.remoteHost();
        String user = step.username();
        LoginCheck check = guard.check(host, user);
        if (check.isRefused()) {
            banned(stream, check);
            return;
        }
        Runnable answer;
        if (step.isSuccess() && isDisabled(user)) {
            // RFC 6120 6.5.1: told only to who proved the password; no failure of the password either
            LOG.info("Login of disabled account {} refused from {}", user, stream.remoteAddress());
            answer = () -> failure(stream, "account-disabled");
        } else if (step.isSuccess()) {
            guard.succeeded(host, user);
            answer = () -> succeed(step, stream);
        } else {
            LOG.info("Login of {} failed from {}", user, stream.remoteAddress());
            guard.failed(host, exists(user) ? user : null);
            answer = () -> failure(stream, step.failure());
        }
        if (check.delay().isZero()) {
            answer.run();
            return;
        }
        // success and failure alike wait, or a quick answer would tell the password was right
        stream.attribute(ANSWER_PENDING, Boolean.TRUE);
        try {
            delays.schedule(() -> {
                try {
                    stream.attribute(ANSWER_PENDING, null);
                    answer.run();
                } catch (RuntimeException e) {
                    LOG.error("Answering the login of {} from {} failed", user, stream.remoteAddress(), e);
                    stream.fail(StreamError.Condition.internal_server_error, null);
                }
            }, check.delay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // this feature is stopping: answer now rather than never
            stream.attribute(ANSWER_PENDING, null);
            answer.run();
        }
    }

    private void succeed(SaslStep step, Negotiation stream) {
        count(stream, "success");
        stream.attribute(EXCHANGE, null);
        stream.authenticated(step.username());
        Element success = DocumentHelper.createElement(QName.get("success", NS));
        if (step.data() != null) {
            success.setText(Base64.getEncoder().encodeToString(step.data()));
        }
        stream.send(success);
    }

    /** The address is banned: {@code <not-authorized/>} saying so and until when, then the end of the stream. */
    private void banned(Negotiation stream, LoginCheck check) {
        count(stream, "refused");
        LOG.debug("Login from banned address {} refused", stream.remoteAddress());
        String text = "Too many failed logins from your address; try again in " + check.retryAfterSeconds() + " seconds";
        Element failure = DocumentHelper.createElement(QName.get("failure", NS));
        failure.addElement("not-authorized");
        failure.addElement("text").addAttribute(QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE), "en").setText(text);
        stream.send(failure);
        stream.fail(StreamError.Condition.policy_violation, text);
    }

    /** Asks the provider that checked the password, when it is a store that can disable accounts. */
    private boolean isDisabled(String user) {
        return authProvider instanceof AccountStore store && store.isDisabled(user);
    }

    private boolean exists(String user) {
        AuthProvider provider = authProvider;
        try {
            return provider != null && provider.exists(user);
        } catch (RuntimeException e) {
            return false; // the store is away: count the address only
        }
    }

    private void count(Negotiation stream, String outcome) {
        MeterRegistry registry = meters;
        if (registry != null) {
            Object mechanism = stream.attribute(MECHANISM);
            registry.counter("switchboard.logins", "mechanism", mechanism == null ? "none" : mechanism.toString(),
                    "outcome", outcome).increment();
        }
    }

    /** Sends a SASL failure, ending the attempt; after too many, ends the stream (RFC 6120 6.4.5). */
    private void failure(Negotiation stream, String condition) {
        count(stream, "failure");
        stream.attribute(EXCHANGE, null);
        stream.attribute(MECHANISM, null);
        stream.attribute(AWAITING_INITIAL, null);
        Element failure = DocumentHelper.createElement(QName.get("failure", NS));
        failure.addElement(condition);
        stream.send(failure);
        int attempts = stream.attribute(ATTEMPTS) instanceof Integer count ? count + 1 : 1;
        stream.attribute(ATTEMPTS, attempts);
        if (attempts >= MAX_ATTEMPTS) {
            stream.fail(StreamError.Condition.policy_violation, "too many failed authentication attempts");
        }
    }

    private record Ranked(SaslMechanism mechanism, String name, int ranking) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked other) {
            return Integer.compare(other.ranking, ranking);
        }
    }
}
