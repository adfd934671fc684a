package io.switchboard.sasl.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard login protection",
        description = "Brute force is met where it comes from: an address that fails too often is refused for a while on "
                + "every way in (XMPP over WebSocket, TCP and BOSH, the Finesse REST API, the web console). An account is never "
                + "locked: under attack from many addresses its logins are only slowed down, and the right password still works.")
public @interface LoginProtectionConfiguration {

    String PID = "io.switchboard.logins";

    @AttributeDefinition(name = "Failures per address",
            description = "Failed logins from one address, whatever the accounts (names that do not exist count too), after "
                    + "which that address is refused for banSeconds. Behind NAT a whole site shares one address: trust its "
                    + "network (trustedAddresses) rather than setting this low.")
    int maxFailuresPerAddress() default 20;

    @AttributeDefinition(name = "Failures per address and account",
            description = "Failed logins for one account from one address after which that address is refused for that "
                    + "account alone, for banSeconds: an agent who mistypes does not get the site's other agents banned.")
    int maxFailuresPerAddressAndAccount() default 5;

    @AttributeDefinition(name = "Ban", description = "Seconds an address stays refused. Sessions already logged in are not touched.")
    int banSeconds() default 300;

    @AttributeDefinition(name = "Failure memory",
            description = "Seconds after its last failure that a count of failures (of an address, or an account) is forgotten.")
    int failureWindowSeconds() default 900;

    @AttributeDefinition(name = "Slow down after",
            description = "Failed logins for one account, from any addresses, after which every further login of that account "
                    + "(the right password too) is answered only after a delay. 0 turns the slow-down off.")
    int slowDownAfterFailures() default 10;

    @AttributeDefinition(name = "First delay",
            description = "Milliseconds of the first delay; each further failure doubles it, up to maxSlowDownMillis.")
    int slowDownStepMillis() default 250;

    @AttributeDefinition(name = "Longest delay", description = "Milliseconds: the longest any login waits for its answer.")
    int maxSlowDownMillis() default 3000;

    @AttributeDefinition(name = "Trusted addresses",
            description = "Addresses and networks never banned, as addresses or in CIDR notation, IPv4 and IPv6 "
                    + "(e.g. 10.20.0.0/16, 2001:db8:5::/48). Their failures still count toward an account's slow-down. "
                    + "The default trusts this machine itself (local tools, a reverse proxy on the same host).")
    String[] trustedAddresses() default {"127.0.0.1", "::1"};

    @AttributeDefinition(name = "Tracked entries",
            description = "At most this many addresses, accounts and bans are remembered each; beyond it the least used are "
                    + "dropped first, so random names or addresses cannot exhaust memory.")
    int maxTracked() default 100_000;
}
