package io.switchboard.sasl.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** A set of IP addresses and CIDR networks (IPv4 and IPv6), parsed once; never a DNS lookup. */
final class AddressRanges {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses {@code 192.0.2.7}, {@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}.
     *
     * @throws IllegalArgumentException naming the entry that is not one
     */
    static AddressRanges parse(String... entries) {
        return parse(entries, invalid -> {
            throw new IllegalArgumentException(invalid);
        });
    }

    /** As {@link #parse(String...)}, telling {@code invalid} why an entry is left out instead of failing. */
    static AddressRanges parse(String[] entries, Consumer<String> invalid) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            try {
                Range range = range(entry.trim());
                if (range != null) {
                    ranges.add(range);
                }
            } catch (IllegalArgumentException e) {
                invalid.accept(e.getMessage());
            }
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    /** The range an entry names, null for an empty one. */
    private static Range range(String trimmed) {
        if (trimmed.isEmpty()) {
            return null;
        }
        int slash = trimmed.indexOf('/');
        byte[] network = bytes(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("not an IP address or CIDR network: " + trimmed);
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR prefix length: " + trimmed);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + trimmed);
            }
        }
        return new Range(network, prefix);
    }

    boolean contains(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /**
     * The address's bytes (an IPv4-mapped IPv6 address as IPv4), or null if it is not an IP
     * address literal. Only literals are parsed, so this never asks DNS.
     */
    static byte[] bytes(String literal) {
        if (literal == null) {
            return null;
        }
        String address = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        int zone = address.indexOf('%');
        address = zone < 0 ? address : address.substring(0, zone);
        if (!IPV4.matcher(address).matches() && !(address.contains(":") && address.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * The key an address counts under: an IPv4 address itself, an IPv6 address's {@code /64}
     * network (a single host commonly holds a whole /64, and could otherwise fail from each of its
     * addresses in turn). Text that is no IP address is its own key.
     */
    static String bucket(String address) {
        byte[] bytes = bytes(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return network.append(":/64").toString();
    }
}
