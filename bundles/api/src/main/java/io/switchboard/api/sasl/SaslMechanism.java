package io.switchboard.api.sasl;

import org.osgi.annotation.versioning.ConsumerType;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.stream.Negotiation;

/**
 * A SASL mechanism, registered as a service with its IANA name in {@link #NAME}. The SASL feature
 * offers the mechanisms registered, highest {@code service.ranking} first, and runs one exchange
 * per authentication attempt. Mechanisms are stateless; an exchange holds one attempt's state.
 */
@ConsumerType
public interface SaslMechanism {

    /** Service property: the mechanism's name, e.g. {@code SCRAM-SHA-256}. */
    String NAME = "switchboard.sasl.mechanism";

    /** Whether to offer the mechanism on this stream with this provider (PLAIN only over TLS, say). */
    default boolean isOffered(Negotiation stream, AuthProvider provider) {
        return true;
    }

    /** Starts one authentication attempt, checked against this provider. */
    SaslExchange start(Negotiation stream, AuthProvider provider);
}
