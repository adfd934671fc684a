package io.switchboard.presence.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.store.RosterStore;
import io.switchboard.api.roster.store.RosterStoreException;
import io.switchboard.api.roster.Rosters;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionListener;
import io.switchboard.api.session.SessionRegistry;

/**
 * The users' rosters: read from the {@link RosterStore} when first needed and kept in memory,
 * changed through the store before anyone is told, and pushed (RFC 6121 2.1.6) to the resources
 * that asked for the roster in their session. A roster's changes, its pushes and the answers to
 * roster requests are serialized on the roster, so a push never overtakes an older answer; no code
 * holds two rosters' locks at once.
 */
@Component(service = {Rosters.class, RosterBook.class, SessionListener.class}, configurationPid = RosterBook.PID)
@Designate(ocd = RosterConfiguration.class)
public class RosterBook implements Rosters, SessionListener {

    static final String PID = "io.switchboard.roster";
    static final String NS = "jabber:iq:roster";
    private static final Logger LOG = LoggerFactory.getLogger(RosterBook.class);

    /** One user's roster in memory. */
    static final class UserRoster {
        private final JID user;
        private long version;
        private final Map<JID, RosterItem> items = new LinkedHashMap<>();
        private final Set<JID> pendingIn = ConcurrentHashMap.newKeySet();

        UserRoster(JID user, RosterStore.StoredRoster stored) {
            this.user = user;
            this.version = stored.version();
            stored.items().forEach(item -> items.put(item.contact(), item));
            pendingIn.addAll(stored.pendingIn());
        }

        synchronized long version() {
            return version;
        }

        synchronized List<RosterItem> items() {
            return List.copyOf(items.values());
        }

        synchronized Optional<RosterItem> item(JID contact) {
            return Optional.ofNullable(items.get(contact.asBareJID()));
        }

        boolean isPendingIn(JID contact) {
            return pendingIn.contains(contact.asBareJID());
        }

        Set<JID> pendingIn() {
            return Set.copyOf(pendingIn);
        }
    }

    /** A stored change to push: the item as it is now ({@code removed} when it is gone) and the new version. */
    record Change(RosterItem item, boolean removed, long version) {
    }

    /**
     * Swapped in place (a store configured at start-up replaces the default one): the component,
     * and the presence handler's hold on it, stay; rosters are read again from the new store.
     */
    private volatile RosterStore store;
    private final SessionRegistry sessions;
    private volatile int maxItems;
    private volatile int maxTextLength;
    private final Map<JID, UserRoster> rosters = new ConcurrentHashMap<>();
    /** Resources that asked for their roster in this session (RFC 6121 2.1.6 "interested resources"). */
    private final Set<JID> interested = ConcurrentHashMap.newKeySet();
    private final AtomicLong pushIds = new AtomicLong();

    @Activate
    public RosterBook(@Reference SessionRegistry sessions, RosterConfiguration config) {
        this.sessions = sessions;
        modified(config);
    }

    /** Limits change live, for the next request. */
    @Modified
    void modified(RosterConfiguration config) {
        this.maxItems = config.maxItems();
        this.maxTextLength = config.maxTextLength();
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setStore(RosterStore store) {
        this.store = store;
        rosters.clear();
    }

    void unsetStore(RosterStore store) {
        // a replacement was bound first (or the component is deactivated): nothing to do
    }

    /** Longest contact or group name accepted. */
    int maxTextLength() {
        return maxTextLength;
    }

    /** The user's roster, read from the store the first time. @throws RosterStoreException if it cannot be read */
    UserRoster roster(JID user) {
        return rosters.computeIfAbsent(user.asBareJID(), bare -> new UserRoster(bare, store.load(bare)));
    }

    @Override
    public Optional<RosterItem> item(JID owner, JID contact) {
        try {
            return roster(owner).item(contact);
        } catch (RosterStoreException e) {
            LOG.warn("Cannot read the roster of {}: {}", owner.toBareJID(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Changes the contact's item in the user's roster, stores it, and pushes it to the user's
     * interested resources.
     *
     * @param edit from the current item (null when there is none) to the new one (null to remove it)
     * @return the change, or null when the edit changed nothing
     * @throws StanzaErrorException policy-violation when a new item would exceed the roster's size;
     *         internal-server-error when the store failed (nothing changed)
     */
    Change change(JID user, JID contact, UnaryOperator<RosterItem> edit) throws StanzaErrorException {
        UserRoster roster = roster(user);
        JID bare = contact.asBareJID();
        Change change;
        synchronized (roster) {
            RosterItem current = roster.items.get(bare);
            RosterItem next = edit.apply(current);
            if (next == null ? current == null : next.equals(current)) {
                return null;
            }
            if (current == null && roster.items.size() >= maxItems) {
                throw StanzaErrorException.policyViolation(
                        "a roster holds at most " + maxItems + " contacts");
            }
            long version = roster.version + 1;
            try {
                if (next == null) {
                    store.deleteItem(roster.user, bare, version);
                    roster.items.remove(bare);
                    change = new Change(current, true, version);
                } else {
                    store.saveItem(roster.user, next, version);
                    roster.items.put(bare, next);
                    change = new Change(next, false, version);
                }
            } catch (RosterStoreException e) {
                LOG.error("Roster of {} not changed: {}", roster.user, e.getMessage());
                throw new StanzaErrorException(PacketError.Condition.internal_server_error, "the roster could not be stored");
            }
            roster.version = version;
            push(roster.user, change); // under the roster's lock: never before a roster result that does not hold it
        }
        return change;
    }

    /** Records or forgets a contact's pending subscription request to the user. @throws RosterStoreException if it cannot be stored */
    void pendingIn(JID user, JID contact, boolean pending) {
        UserRoster roster = roster(user);
        JID bare = contact.asBareJID();
        synchronized (roster) {
            if (roster.pendingIn.contains(bare) != pending) {
                store.savePendingIn(roster.user, bare, pending);
                if (pending) {
                    roster.pendingIn.add(bare);
                } else {
                    roster.pendingIn.remove(bare);
                }
            }
        }
    }

    /** The resource asked for its roster: roster pushes go to it from now on. */
    void interested(JID resource) {
        interested.add(resource);
    }

    @Override
    public void sessionEnded(ClientSession session) {
        interested.remove(session.address());
    }

    /** The roster query element for an item, as in results and pushes. */
    static Element toXml(Element query, RosterItem item, boolean removed) {
        Element element = query.addElement("item").addAttribute("jid", item.contact().toBareJID());
        if (removed) {
            element.addAttribute("subscription", "remove");
            return element;
        }
        if (item.name() != null) {
            element.addAttribute("name", item.name());
        }
        element.addAttribute("subscription", item.subscription().name().toLowerCase());
        if (item.askOut()) {
            element.addAttribute("ask", "subscribe");
        }
        item.groups().stream().sorted().forEach(group -> element.addElement("group").setText(group));
        return element;
    }

    private void push(JID user, Change change) {
        for (ClientSession resource : sessions.sessions(user)) {
            if (interested.contains(resource.address())) {
                IQ push = new IQ(IQ.Type.set, "push-" + pushIds.incrementAndGet());
                push.setFrom(user);
                push.setTo(resource.address());
                Element query = push.setChildElement("query", NS);
                query.addAttribute("ver", Long.toString(change.version()));
                toXml(query, change.item(), change.removed());
                resource.deliver(push);
            }
        }
    }
}
