package io.switchboard.sasl.impl;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.LoginGuard;
import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.sasl.SaslExchange;
import io.switchboard.api.sasl.SaslMechanism;
import io.switchboard.api.sasl.SaslStep;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;

/**
 * SASL authentication (RFC 6120 section 6) with the {@link SaslMechanism} services registered,
 * highest ranking first. Credentials are checked by the highest-ranked {@link AuthProvider}
 * present when an attempt starts, so swapping providers takes effect for the next login and never
 * touches authenticated sessions.
 */
@Component(service = {StreamFeature.class, LoginGuard.class}, configurationPid = "io.switchboard.sasl", property = {
        StreamFeature.NAMESPACE + "=" + SaslFeature.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_PRE_AUTH})
@Designate(ocd = SaslLimits.class)
public class SaslFeature implements StreamFeature, LoginGuard {

    static final String NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SaslFeature.class);
    private static final String ATTEMPTS = "sasl.attempts";
    private static final String EXCHANGE = "sasl.exchange";
    private static final String MECHANISM = "sasl.mechanism";
    /** An auth without initial response: the first response is the initial response (RFC 6120 6.4.2). */
    private static final String AWAITING_INITIAL = "sasl.awaiting-initial-response";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider authProvider;

    /** Counts logins by mechanism and outcome when a metrics bundle offers a registry. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeterRegistry meters;

    private final List<Ranked> mechanisms = new CopyOnWriteArrayList<>();
    private final LoginThrottle throttle;

    @Activate
    public SaslFeature(SaslLimits limits) {
        this(limits, Clock.systemUTC());
    }

    /** With a clock of the caller's, for tests. */
    SaslFeature(SaslLimits limits, Clock clock) {
        this.throttle = new LoginThrottle(Math.max(1, limits.maxFailures()), Duration.ofSeconds(limits.lockoutSeconds()), clock);
    }

    // ---- the lockout, shared with HTTP logins ------------------------------------------------

    @Override
    public boolean isLocked(String user) {
        return throttle.isLocked(user);
    }

    @Override
    public void failed(String user) {
        throttle.failed(user);
    }

    @Override
    public void succeeded(String user) {
        throttle.succeeded(user);
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
        } else if (step.isSuccess() && throttle.isLocked(step.username())) {
            // the right password does not open a locked account either, nor says that it was right
            LOG.info("Login of locked account {} from {} refused", step.username(), stream.remoteAddress());
            failure(stream, "temporary-auth-failure");
        } else if (step.isSuccess()) {
            count(stream, "success");
            throttle.succeeded(step.username());
            stream.attribute(EXCHANGE, null);
            stream.authenticated(step.username());
            Element success = DocumentHelper.createElement(QName.get("success", NS));
            if (step.data() != null) {
                success.setText(Base64.getEncoder().encodeToString(step.data()));
            }
            stream.send(success);
        } else {
            if (step.username() != null) {
                LOG.info("Login of {} failed from {}", step.username(), stream.remoteAddress());
                throttle.failed(step.username());
            }
            failure(stream, step.failure());
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
