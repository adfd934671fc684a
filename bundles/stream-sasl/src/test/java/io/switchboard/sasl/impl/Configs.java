package io.switchboard.sasl.impl;

import io.switchboard.testing.Configurations;

/** Configurations as Configuration Admin would hand them to the components. */
final class Configs {

    private Configs() {
    }

    /** Login protection with its defaults, but for these (name, value, …). */
    static LoginProtectionConfiguration protection(Object... namesAndValues) {
        return Configurations.of(LoginProtectionConfiguration.class, namesAndValues);
    }

    static SaslConfiguration plainWithoutTls(boolean allowed) {
        return Configurations.of(SaslConfiguration.class, "plainWithoutTls", allowed);
    }
}
