package io.switchboard.accounts.impl;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/** The administrators named in configuration, as bare JIDs. */
final class Admins {

    private static final Logger LOG = LoggerFactory.getLogger(Admins.class);

    private final Set<JID> admins = new HashSet<>();

    /** Entries that are no JID are logged, naming the key, and left out. */
    Admins(String[] configured, String domain) {
        for (String entry : configured == null ? new String[0] : configured) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                admins.add(new JID(text.contains("@") ? text : text + "@" + domain).asBareJID());
            } catch (IllegalArgumentException e) {
                LOG.error("io.switchboard.accounts.admin: 'admins' entry '{}' is no JID and is left out: {}", text, e.getMessage());
            }
        }
    }

    boolean contains(JID address) {
        return address != null && address.getNode() != null && admins.contains(address.asBareJID());
    }

    boolean isEmpty() {
        return admins.isEmpty();
    }
}
