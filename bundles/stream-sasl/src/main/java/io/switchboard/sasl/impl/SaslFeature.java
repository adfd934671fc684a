package io.switchboard.sasl.impl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;

/**
 * SASL authentication (RFC 6120 section 6) with PLAIN (RFC 4616). Credentials are checked by the
 * highest-ranked {@link AuthProvider} present at the moment of the attempt, so swapping providers
 * takes effect for the next login and never touches authenticated sessions.
 */
@Component(property = {
        StreamFeature.NAMESPACE + "=" + SaslFeature.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_PRE_AUTH})
public class SaslFeature implements StreamFeature {

    static final String NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String PLAIN = "PLAIN";
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SaslFeature.class);
    private static final String ATTEMPTS = "sasl.attempts";
    private static final String AWAITING_RESPONSE = "sasl.awaiting-response";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider authProvider;

    /** For unit tests, which run without DS: what field injection does at runtime. */
    void setAuthProvider(AuthProvider provider) {
        this.authProvider = provider;
    }

    @Override
    public Element advertise(Negotiation stream) {
        Element mechanisms = DocumentHelper.createElement(QName.get("mechanisms", NS));
        mechanisms.addElement("mechanism").setText(PLAIN);
        return mechanisms;
    }

    @Override
    public void process(Element element, Negotiation stream) {
        switch (element.getName()) {
            case "auth" -> {
                if (!PLAIN.equals(element.attributeValue("mechanism"))) {
                    failure(stream, "invalid-mechanism");
                } else if (element.getTextTrim().isEmpty()) {
                    // no initial response: ask for it with an empty challenge (RFC 6120 6.4.2)
                    stream.attribute(AWAITING_RESPONSE, Boolean.TRUE);
                    stream.send(DocumentHelper.createElement(QName.get("challenge", NS)));
                } else {
                    plain(element.getTextTrim(), stream);
                }
            }
            case "response" -> {
                if (stream.attribute(AWAITING_RESPONSE) == null) {
                    failure(stream, "malformed-request");
                } else {
                    stream.attribute(AWAITING_RESPONSE, null);
                    plain(element.getTextTrim(), stream);
                }
            }
            case "abort" -> {
                stream.attribute(AWAITING_RESPONSE, null);
                failure(stream, "aborted");
            }
            default -> stream.fail(StreamError.Condition.not_authorized, "unexpected SASL element " + element.getName());
        }
    }

    private void plain(String base64, Negotiation stream) {
        byte[] message;
        try {
            message = "=".equals(base64) ? new byte[0] : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            failure(stream, "incorrect-encoding");
            return;
        }
        PlainCredentials credentials = PlainCredentials.parse(message, stream.domain());
        if (credentials == null) {
            failure(stream, "malformed-request");
            return;
        }
        if (!credentials.authzidAllowed()) {
            failure(stream, "invalid-authzid");
            return;
        }
        AuthProvider provider = authProvider;
        if (provider == null) {
            LOG.warn("Login of {} refused: no AuthProvider is registered", credentials.username());
            failure(stream, "temporary-auth-failure");
            return;
        }
        boolean valid;
        try {
            valid = provider.authenticate(credentials.username(), credentials.password());
        } catch (RuntimeException e) {
            LOG.error("AuthProvider {} failed for {}", provider.getClass().getName(), credentials.username(), e);
            failure(stream, "temporary-auth-failure");
            return;
        }
        if (!valid) {
            LOG.info("Login failed for {} from {}", credentials.username(), stream.remoteAddress());
            failure(stream, "not-authorized");
            return;
        }
        stream.authenticated(credentials.username());
        stream.send(DocumentHelper.createElement(QName.get("success", NS)));
    }

    /** Sends a SASL failure; after too many, ends the stream (RFC 6120 6.4.5). */
    private static void failure(Negotiation stream, String condition) {
        Element failure = DocumentHelper.createElement(QName.get("failure", NS));
        failure.addElement(condition);
        stream.send(failure);
        int attempts = stream.attribute(ATTEMPTS) instanceof Integer count ? count + 1 : 1;
        stream.attribute(ATTEMPTS, attempts);
        if (attempts >= MAX_ATTEMPTS) {
            stream.fail(StreamError.Condition.policy_violation, "too many failed authentication attempts");
        }
    }

    /** The parts of a PLAIN message: authzid NUL authcid NUL password. */
    record PlainCredentials(String authzid, String username, String password, String domain) {

        /** Null when the message is not three UTF-8 parts or the user name is not a valid JID node. */
        static PlainCredentials parse(byte[] message, String domain) {
            String text = new String(message, StandardCharsets.UTF_8);
            String[] parts = text.split("\u0000", -1);
            if (parts.length != 3 || parts[1].isEmpty()) {
                return null;
            }
            String authcid = parts[1];
            int at = authcid.indexOf('@');
            if (at >= 0) {
                // some clients send the whole bare JID as the authentication identity
                if (!authcid.substring(at + 1).equalsIgnoreCase(domain)) {
                    return null;
                }
                authcid = authcid.substring(0, at);
            }
            try {
                return new PlainCredentials(parts[0], JID.nodeprep(authcid), parts[2], domain);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** RFC 6120 6.3.8: empty, or the user's own bare JID. */
        boolean authzidAllowed() {
            if (authzid.isEmpty()) {
                return true;
            }
            try {
                return new JID(authzid).equals(new JID(username, domain, null));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
