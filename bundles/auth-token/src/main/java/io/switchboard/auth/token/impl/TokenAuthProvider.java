package io.switchboard.auth.token.impl;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.xmpp.packet.JID;

import io.switchboard.api.auth.AuthProvider;

/**
 * Accepts a signed, expiring {@link Token} as the password of the user it names. Active only once
 * an operator configures the shared secret; with the default ranking it then outranks the users
 * file. Gogo: {@code switchboard:token USER [SECONDS]} issues a token, for tests and tools.
 */
@Component(configurationPid = "io.switchboard.auth.token", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"osgi.command.scope=switchboard", "osgi.command.function=token"})
@Designate(ocd = TokenAuthConfiguration.class)
public class TokenAuthProvider implements AuthProvider {

    static final int MIN_SECRET_LENGTH = 32;

    private final byte[] secret;
    private final Clock clock;

    @Activate
    public TokenAuthProvider(TokenAuthConfiguration config) {
        this(config, Clock.systemUTC());
    }

    TokenAuthProvider(TokenAuthConfiguration config, Clock clock) {
        String configured = config.secret();
        if (configured == null || configured.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("io.switchboard.auth.token: 'secret' must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        this.secret = configured.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public boolean authenticate(String username, String password) {
        String user = Token.verify(secret, password, clock.instant());
        if (user == null) {
            return false;
        }
        try {
            return JID.nodeprep(user).equals(username);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A token store knows no users, only signatures. */
    @Override
    public boolean exists(String username) {
        return false;
    }

    /** token USER [SECONDS]: a token for the user, valid for an hour or the seconds given. */
    public String token(String user, long seconds) {
        return Token.issue(secret, user, clock.instant().plus(Duration.ofSeconds(seconds)));
    }

    public String token(String user) {
        return token(user, 3600);
    }
}
