package io.switchboard.api.logins;

import java.time.Instant;

/**
 * An address refused for a while after failed logins.
 *
 * @param address the IP address, or for IPv6 its {@code /64} network (one host usually has a whole one)
 * @param user {@code null} when the address is refused for every account; else the one account it failed for
 * @param until when the ban ends
 * @param failures the failed logins that led to it
 */
public record LoginBan(String address, String user, Instant until, int failures) {
}
