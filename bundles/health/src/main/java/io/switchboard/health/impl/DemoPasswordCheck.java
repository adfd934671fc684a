package io.switchboard.health.impl;

import java.util.List;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.auth.AuthProvider;

/**
 * "demo-passwords": WARN while any account of the active store still has the demo password
 * (the demo users, the demo {@code admin} first of all), naming them. A warning, not a failure:
 * the server serves, and /health stays 200 for load balancers. The answer is kept for a few
 * seconds, since each account costs a salted key derivation and monitors poll /health.
 */
@Component(immediate = true, property = {HealthCheck.NAME + "=demo-passwords", Checks.TAGS, Checks.DEFAULT_TAG})
public class DemoPasswordCheck implements HealthCheck {

    static final long KEEP_MILLIS = 5_000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider users;
    private volatile Answer last;

    private record Answer(AuthProvider provider, long at, List<String> accounts) {
    }

    @Override
    public Result execute() {
        AuthProvider provider = users;
        if (provider == null) {
            return Checks.ok("no authentication provider to ask"); // the auth check says what is wrong
        }
        Answer answer = last;
        long now = System.currentTimeMillis();
        if (answer == null || answer.provider() != provider || now - answer.at() > KEEP_MILLIS) {
            answer = new Answer(provider, now, DemoPasswords.accounts(provider));
            last = answer;
        }
        return result(answer.accounts());
    }

    static Result result(List<String> accounts) {
        if (accounts.isEmpty()) {
            return Checks.ok("no account has the demo password");
        }
        return new Result(Result.Status.WARN, "accounts with the demo password " + DemoPasswords.PASSWORD + ": "
                + String.join(", ", accounts) + "; give them passwords of their own (bin/switchboard passwd NAME) "
                + "or delete them (switchboard:deluser NAME)");
    }
}
