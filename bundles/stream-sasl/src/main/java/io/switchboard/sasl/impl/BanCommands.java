package io.switchboard.sasl.impl;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.logins.LoginBan;
import io.switchboard.api.logins.LoginGuard;

/** Gogo commands for operators: {@code switchboard:bans} lists the addresses refused, {@code unban} lifts them. */
@Component(service = BanCommands.class, property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=bans",
        "osgi.command.function=unban"})
public class BanCommands {

    private final LoginGuard guard;
    private final Clock clock;

    @Activate
    public BanCommands(@Reference LoginGuard guard) {
        this(guard, Clock.systemUTC());
    }

    BanCommands(LoginGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    /** bans: one line per ban: address, the account (or "all accounts"), until, seconds left, failures. */
    public String bans() {
        List<LoginBan> bans = guard.bans();
        if (bans.isEmpty()) {
            return "No bans";
        }
        return bans.stream().map(ban -> String.join("  ", ban.address(), ban.user() == null ? "all accounts" : "account " + ban.user(),
                        "until " + ban.until(), Math.max(0, Duration.between(clock.instant(), ban.until()).toSeconds()) + " s left",
                        ban.failures() + " failures"))
                .collect(Collectors.joining("\n"));
    }

    /** unban ADDRESS: lifts that address's bans, for all accounts and single ones. */
    public String unban(String address) {
        return guard.lift(address) ? "Lifted the bans of " + address : "No ban of " + address;
    }
}
