package io.switchboard.core.impl;

import io.switchboard.testing.Configurations;

/** The core's configuration as Configuration Admin would hand it to the components. */
final class CoreConfigs {

    private CoreConfigs() {
    }

    static CoreConfiguration config(String domain) {
        return Configurations.of(CoreConfiguration.class, "domain", domain);
    }

    /** The stream limits with their defaults, or these values (name, value, …). */
    static StreamLimits limits(Object... namesAndValues) {
        return Configurations.of(StreamLimits.class, namesAndValues);
    }
}
