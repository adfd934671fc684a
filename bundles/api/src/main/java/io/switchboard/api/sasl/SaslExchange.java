package io.switchboard.api.sasl;

import org.osgi.annotation.versioning.ConsumerType;

/** One authentication attempt of a {@link SaslMechanism}: the client speaks, the exchange answers. */
@ConsumerType
public interface SaslExchange {

    /**
     * Evaluates the client's next message: its initial response (empty when the client sent an
     * empty one) or its response to the last challenge.
     */
    SaslStep evaluate(byte[] message);
}
