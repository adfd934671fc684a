package io.switchboard.sasl.impl;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an operator whose upgraded server still has {@code config/io.switchboard.sasl.cfg} that its
 * account lockout settings are no longer read, and what replaced them; active only while that
 * configuration exists.
 */
@Component(configurationPid = RetiredLockoutSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class RetiredLockoutSettings {

    static final String PID = "io.switchboard.sasl";

    private static final Logger LOG = LoggerFactory.getLogger(RetiredLockoutSettings.class);

    @Activate
    public RetiredLockoutSettings(Map<String, Object> properties) {
        Object file = properties.getOrDefault("felix.fileinstall.filename", "config/" + PID + ".cfg");
        LOG.warn("{}: maxFailures and lockoutSeconds are no longer read. Accounts are not locked any more: an address "
                + "that fails too often is banned and an account under attack is slowed down, as configured in "
                + "config/{}.cfg (maxFailuresPerAddress, banSeconds, slowDownAfterFailures, ...). Remove this file.",
                file, LoginProtectionConfiguration.PID);
    }
}
