package io.switchboard.sasl.impl;

import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.xmpp.packet.JID;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.sasl.SaslExchange;
import io.switchboard.api.sasl.SaslMechanism;
import io.switchboard.api.sasl.SaslStep;
import io.switchboard.api.stream.Negotiation;

/**
 * PLAIN (RFC 4616): authzid NUL authcid NUL password, in one message. Offered over TLS and on
 * loopback connections; elsewhere only when configured.
 */
@Component(configurationPid = "io.switchboard.sasl.plain", property = {
        SaslMechanism.NAME + "=PLAIN",
        "service.ranking:Integer=100"})
@Designate(ocd = SaslConfiguration.class)
public class PlainMechanism implements SaslMechanism {

    private final boolean withoutTls;

    @Activate
    public PlainMechanism(SaslConfiguration config) {
        this.withoutTls = config.plainWithoutTls();
    }

    @Override
    public boolean isOffered(Negotiation stream, AuthProvider provider) {
        return stream.isSecure() || stream.isLoopback() || withoutTls;
    }

    @Override
    public SaslExchange start(Negotiation stream, AuthProvider provider) {
        return message -> {
            PlainCredentials credentials = PlainCredentials.parse(message, stream.domain());
            if (credentials == null) {
                return SaslStep.failure("malformed-request");
            }
            if (!Authzid.allowed(credentials.authzid(), credentials.username(), stream.domain())) {
                return SaslStep.failure("invalid-authzid");
            }
            return provider.authenticate(credentials.username(), credentials.password())
                    ? SaslStep.success(credentials.username(), null) : SaslStep.failure("not-authorized", credentials.username());
        };
    }

    /** The parts of a PLAIN message. */
    record PlainCredentials(String authzid, String username, String password) {

        /** Null when the message is not three UTF-8 parts or the user name is not a valid JID node. */
        static PlainCredentials parse(byte[] message, String domain) {
            String[] parts = new String(message, StandardCharsets.UTF_8).split("\u0000", -1);
            if (parts.length != 3 || parts[1].isEmpty()) {
                return null;
            }
            String username = Authzid.username(parts[1], domain);
            return username == null ? null : new PlainCredentials(parts[0], username, parts[2]);
        }
    }
}
