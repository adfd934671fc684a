package io.switchboard.api.logins;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of {@link LoginGuard#check}: either refused, to try again after {@code retryAfter}
 * (tell the client, e.g. HTTP 429 with {@code Retry-After}), or allowed, its outcome (success or
 * failure alike, so that a quick answer does not give the password away) told after {@code delay}.
 *
 * @param retryAfter zero when the login is allowed; how long the ban lasts otherwise
 * @param delay how long to wait before answering an allowed login; zero unless the account is under attack
 */
public record LoginCheck(Duration retryAfter, Duration delay) {

    /** Allowed, without delay. */
    public static final LoginCheck ALLOWED = new LoginCheck(Duration.ZERO, Duration.ZERO);

    public LoginCheck {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(delay, "delay");
    }

    public static LoginCheck refused(Duration retryAfter) {
        return new LoginCheck(retryAfter.isZero() || retryAfter.isNegative() ? Duration.ofSeconds(1) : retryAfter, Duration.ZERO);
    }

    public static LoginCheck slowed(Duration delay) {
        return new LoginCheck(Duration.ZERO, delay);
    }

    public boolean isRefused() {
        return !retryAfter.isZero();
    }

    /** Whole seconds to wait, at least 1: what {@code Retry-After} says. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
