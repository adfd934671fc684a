package io.switchboard.sasl.impl;

import java.time.Clock;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.logins.LoginBan;
import io.switchboard.api.logins.LoginCheck;
import io.switchboard.api.logins.LoginGuard;

/**
 * The {@link LoginGuard} of every way in: bans per address (and per address and account), a
 * slow-down per account, trusted addresses never banned. A configuration change applies to the
 * next login and keeps the counts and bans already there.
 * <p>Meters, when a metrics bundle offers a registry: {@code switchboard.logins.bans} (bans
 * imposed, tagged {@code scope=address} or {@code scope=account}), {@code switchboard.logins.slowed}
 * (logins answered late) and {@code switchboard.logins.refused} (logins refused by a ban).
 */
@Component(service = LoginGuard.class, configurationPid = LoginProtectionConfiguration.PID)
@Designate(ocd = LoginProtectionConfiguration.class)
public class LoginProtection implements LoginGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LoginProtection.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeterRegistry meters;

    private final FailureLedger ledger;

    @Activate
    public LoginProtection(LoginProtectionConfiguration config) {
        this(config, Clock.systemUTC());
    }

    /** With a clock of the caller's, for tests. */
    LoginProtection(LoginProtectionConfiguration config, Clock clock) {
        this.ledger = new FailureLedger(limits(config), clock);
    }

    @Modified
    void modified(LoginProtectionConfiguration config) {
        ledger.limits(limits(config));
    }

    /** A typo in the trusted addresses is logged and left out: it must not stop every login. */
    private static FailureLedger.Limits limits(LoginProtectionConfiguration config) {
        return FailureLedger.Limits.of(config, invalid -> LOG.error("{}: trustedAddresses: {}; left out",
                LoginProtectionConfiguration.PID, invalid));
    }

    @Override
    public LoginCheck check(String address, String user) {
        LoginCheck check = ledger.check(address, user);
        if (check.isRefused()) {
            count("switchboard.logins.refused");
        } else if (!check.delay().isZero()) {
            count("switchboard.logins.slowed");
        }
        return check;
    }

    @Override
    public void failed(String address, String user) {
        FailureLedger.Outcome outcome = ledger.failed(address, user);
        LoginBan ban = outcome.ban();
        if (ban != null && ban.user() == null) {
            LOG.warn("Address {} is banned until {}: {} failed logins", ban.address(), ban.until(), ban.failures());
            count("switchboard.logins.bans", "scope", "address");
        } else if (ban != null) {
            LOG.warn("Address {} is banned for account {} until {}: {} failed logins", ban.address(), ban.user(),
                    ban.until(), ban.failures());
            count("switchboard.logins.bans", "scope", "account");
        }
        FailureLedger.Attack attack = outcome.attack();
        if (attack != null) {
            LOG.warn("Account {} is under attack: {} failed logins from {} addresses; its logins are answered {} ms late"
                    + " (reported once a minute)", attack.user(), attack.failures(), attack.addresses(), attack.delay().toMillis());
        }
    }

    @Override
    public void succeeded(String address, String user) {
        ledger.succeeded(address, user);
    }

    @Override
    public List<LoginBan> bans() {
        return ledger.bans();
    }

    @Override
    public boolean lift(String address) {
        boolean lifted = ledger.lift(address);
        if (lifted) {
            LOG.info("Bans of {} lifted", address);
        }
        return lifted;
    }

    private void count(String name, String... tags) {
        MeterRegistry registry = meters;
        if (registry != null) {
            registry.counter(name, tags).increment();
        }
    }
}
