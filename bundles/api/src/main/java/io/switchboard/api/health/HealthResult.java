package io.switchboard.api.health;

/**
 * What a {@link HealthCheck} found: healthy or not, and a line an operator can act on, e.g.
 * {@code "no AuthProvider registered: no one can log in"}.
 */
public record HealthResult(boolean healthy, String message) {

    public static HealthResult ok(String message) {
        return new HealthResult(true, message);
    }

    public static HealthResult failed(String message) {
        return new HealthResult(false, message);
    }
}
