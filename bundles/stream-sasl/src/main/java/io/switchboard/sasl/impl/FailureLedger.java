package io.switchboard.sasl.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.switchboard.api.logins.LoginBan;
import io.switchboard.api.logins.LoginCheck;

/**
 * The bookkeeping of failed logins: counts per address, per address and account, and per account,
 * and the bans they led to. Every table is bounded (the least used entries go first) and every
 * entry expires, so neither random names nor many addresses can grow memory, and none can undo
 * another's state: bans live apart from the counts, and accounts are counted only if they exist.
 * <p>Thread-safe; time comes from the clock handed in.
 */
final class FailureLedger {

    /** The limits, as configured; replaced whole when the configuration changes. */
    record Limits(int maxFailuresPerAddress, int maxFailuresPerAddressAndAccount, Duration ban, Duration window,
                  int slowDownAfter, Duration slowDownStep, Duration maxSlowDown, AddressRanges trusted, int maxTracked) {

        static Limits of(LoginProtectionConfiguration config) {
            return of(config, invalid -> {
                throw new IllegalArgumentException(invalid);
            });
        }

        /** The limits; a trusted entry that is no address or network is left out and told to {@code invalid}. */
        static Limits of(LoginProtectionConfiguration config, Consumer<String> invalid) {
            return new Limits(Math.max(1, config.maxFailuresPerAddress()), Math.max(1, config.maxFailuresPerAddressAndAccount()),
                    Duration.ofSeconds(Math.max(1, config.banSeconds())), Duration.ofSeconds(Math.max(1, config.failureWindowSeconds())),
                    Math.max(0, config.slowDownAfterFailures()), Duration.ofMillis(Math.max(0, config.slowDownStepMillis())),
                    Duration.ofMillis(Math.max(0, config.maxSlowDownMillis())), AddressRanges.parse(config.trustedAddresses(), invalid),
                    Math.max(100, config.maxTracked()));
        }
    }

    /** What a failure led to, for the caller to log and count. */
    record Outcome(LoginBan ban, Attack attack) {
        static final Outcome NOTHING = new Outcome(null, null);
    }

    /** An account under attack, reported at most once per {@link #ATTACK_REPORT} per account. */
    record Attack(String user, int failures, int addresses, Duration delay) {
    }

    static final Duration ATTACK_REPORT = Duration.ofMinutes(1);
    /** Distinct addresses remembered per account, for the report: enough to tell one from many. */
    private static final int ADDRESSES_PER_ACCOUNT = 64;

    /** Failures of one account from any addresses; {@code reported} is when its attack was last logged. */
    private record AccountRun(int failures, Set<String> addresses, Instant reported) {
    }

    private final Clock clock;
    private volatile Limits limits;
    private final Cache<String, Integer> byAddress;
    private final Cache<String, Integer> byAddressAndAccount;
    private final Cache<String, AccountRun> byAccount;
    private final Cache<String, LoginBan> bans;

    FailureLedger(Limits limits, Clock clock) {
        this.clock = clock;
        this.limits = limits;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.byAddress = counts(ticker, limits.maxTracked());
        this.byAddressAndAccount = counts(ticker, limits.maxTracked());
        this.byAccount = counts(ticker, limits.maxTracked());
        this.bans = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).maximumSize(limits.maxTracked())
                .expireAfter(new Expiry<String, LoginBan>() {
                    @Override
                    public long expireAfterCreate(String key, LoginBan ban, long now) {
                        return Math.max(0, Duration.between(clock.instant(), ban.until()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, LoginBan ban, long now, long remaining) {
                        return expireAfterCreate(key, ban, now);
                    }

                    @Override
                    public long expireAfterRead(String key, LoginBan ban, long now, long remaining) {
                        return remaining;
                    }
                }).build();
    }

    /** Counts forgotten {@code window} after they last changed (read by the limits in force then). */
    private <V> Cache<String, V> counts(Ticker ticker, int size) {
        return Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).maximumSize(size)
                .expireAfter(new Expiry<String, V>() {
                    @Override
                    public long expireAfterCreate(String key, V value, long now) {
                        return limits.window().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, V value, long now, long remaining) {
                        return limits.window().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, V value, long now, long remaining) {
                        return remaining;
                    }
                }).build();
    }

    void limits(Limits changed) {
        this.limits = changed;
        for (Cache<String, ?> cache : List.of(byAddress, byAddressAndAccount, byAccount, bans)) {
            cache.policy().eviction().ifPresent(eviction -> eviction.setMaximum(changed.maxTracked()));
        }
    }

    Limits limits() {
        return limits;
    }

    boolean isTrusted(String address) {
        return limits.trusted().contains(address);
    }

    LoginCheck check(String address, String user) {
        Limits current = limits;
        if (!current.trusted().contains(address)) {
            String bucket = AddressRanges.bucket(address);
            LoginBan ban = bans.getIfPresent(bucket);
            if (ban == null && user != null) {
                ban = bans.getIfPresent(pair(bucket, user));
            }
            if (ban != null) {
                return LoginCheck.refused(Duration.between(clock.instant(), ban.until()));
            }
        }
        Duration delay = user == null ? Duration.ZERO : delay(current, byAccount.getIfPresent(user));
        return delay.isZero() ? LoginCheck.ALLOWED : LoginCheck.slowed(delay);
    }

    /** The delay for an account with this run of failures: none below the threshold, then doubling up to the cap. */
    static Duration delay(Limits limits, AccountRun run) {
        if (run == null || limits.slowDownAfter() == 0 || run.failures() < limits.slowDownAfter()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(30, run.failures() - limits.slowDownAfter());
        Duration delay = limits.slowDownStep().multipliedBy(1L << doublings);
        return delay.compareTo(limits.maxSlowDown()) > 0 ? limits.maxSlowDown() : delay;
    }

    /** A failure from this address, for this account if it exists ({@code null} otherwise). */
    Outcome failed(String address, String user) {
        Limits current = limits;
        Attack attack = user == null ? null : countAccount(current, address, user);
        if (current.trusted().contains(address)) {
            return new Outcome(null, attack);
        }
        String bucket = AddressRanges.bucket(address);
        LoginBan ban = count(byAddress, bucket, current.maxFailuresPerAddress(), failures -> new LoginBan(bucket, null,
                clock.instant().plus(current.ban()), failures));
        if (ban == null && user != null) {
            String key = pair(bucket, user);
            ban = count(byAddressAndAccount, key, current.maxFailuresPerAddressAndAccount(),
                    failures -> new LoginBan(bucket, user, clock.instant().plus(current.ban()), failures));
            if (ban != null) {
                bans.put(key, ban);
            }
        } else if (ban != null) {
            bans.put(bucket, ban);
        }
        return ban == null && attack == null ? Outcome.NOTHING : new Outcome(ban, attack);
    }

    /** Adds one to the count; at the limit, forgets the count and answers the ban to put in place. */
    private static LoginBan count(Cache<String, Integer> counts, String key, int limit,
                                  java.util.function.IntFunction<LoginBan> ban) {
        int failures = counts.asMap().merge(key, 1, Integer::sum);
        if (failures < limit) {
            return null;
        }
        counts.invalidate(key);
        return ban.apply(failures);
    }

    private Attack countAccount(Limits current, String address, String user) {
        Instant now = clock.instant();
        Attack[] attack = new Attack[1];
        byAccount.asMap().compute(user, (name, run) -> {
            Set<String> addresses = new HashSet<>(run == null ? Set.of() : run.addresses());
            if (addresses.size() < ADDRESSES_PER_ACCOUNT) {
                addresses.add(AddressRanges.bucket(address));
            }
            AccountRun next = new AccountRun(run == null ? 1 : run.failures() + 1, Set.copyOf(addresses),
                    run == null ? null : run.reported());
            Duration delay = delay(current, next);
            if (!delay.isZero() && (next.reported() == null || !now.isBefore(next.reported().plus(ATTACK_REPORT)))) {
                attack[0] = new Attack(user, next.failures(), next.addresses().size(), delay);
                next = new AccountRun(next.failures(), next.addresses(), now);
            }
            return next;
        });
        return attack[0];
    }

    void succeeded(String address, String user) {
        // the account's run stays: it is the attack's, not this address's, and the owner logging in
        // must not give the attacker another run of quick guesses
        byAddressAndAccount.invalidate(pair(AddressRanges.bucket(address), user));
    }

    List<LoginBan> bans() {
        Instant now = clock.instant();
        return bans.asMap().values().stream().filter(ban -> ban.until().isAfter(now))
                .sorted(Comparator.comparing(LoginBan::until).thenComparing(LoginBan::address)).toList();
    }

    boolean lift(String address) {
        String bucket = AddressRanges.bucket(address.trim());
        boolean any = bans.asMap().remove(bucket) != null;
        any |= bans.asMap().keySet().removeIf(key -> key.startsWith(bucket + "\n"));
        byAddress.invalidate(bucket);
        byAddressAndAccount.asMap().keySet().removeIf(key -> key.startsWith(bucket + "\n"));
        return any;
    }

    /** How many entries each table holds (after pending evictions), for tests and diagnostics. */
    long tracked() {
        for (Cache<String, ?> cache : List.of(byAddress, byAddressAndAccount, byAccount, bans)) {
            cache.cleanUp();
        }
        return byAddress.estimatedSize() + byAddressAndAccount.estimatedSize() + byAccount.estimatedSize() + bans.estimatedSize();
    }

    private static String pair(String bucket, String user) {
        return bucket + "\n" + user;
    }
}
