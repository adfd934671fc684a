package io.switchboard.sasl.impl;

import io.switchboard.testing.Configurations;

/** Configurations as Configuration Admin would hand them to the components. */
final class Configs {

    private Configs() {
    }

    static SaslLimits limits(int maxFailures, int lockoutSeconds) {
        return Configurations.of(SaslLimits.class, "maxFailures", maxFailures, "lockoutSeconds", lockoutSeconds);
    }

    static SaslConfiguration plainWithoutTls(boolean allowed) {
        return Configurations.of(SaslConfiguration.class, "plainWithoutTls", allowed);
    }
}
