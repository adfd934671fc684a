package io.switchboard.itests;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.xmpp.packet.JID;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.Rosters;

/**
 * Rosters the test sets, registered as the highest-ranked {@link Rosters} service in the container,
 * for the presence and roster access models. (Here, so that the test classes never name the server's
 * API types: they load outside the container too.)
 */
public final class TestRosters {

    private final Map<String, RosterItem> items = new ConcurrentHashMap<>();
    private final ServiceRegistration<Rosters> registration;

    private TestRosters(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 1000);
        registration = context.registerService(Rosters.class,
                (owner, contact) -> Optional.ofNullable(items.get(owner.toBareJID() + " " + contact.toBareJID())), properties);
    }

    public static TestRosters register(BundleContext context) {
        return new TestRosters(context);
    }

    /**
     * Puts the contact in the owner's roster.
     *
     * @param subscription none, to, from or both
     */
    public TestRosters put(String owner, String contact, String subscription, String... groups) {
        items.put(new JID(owner).toBareJID() + " " + new JID(contact).toBareJID(), new RosterItem(new JID(contact).asBareJID(), null,
                RosterItem.Subscription.valueOf(subscription.toUpperCase(java.util.Locale.ROOT)), false, Set.of(groups)));
        return this;
    }

    public void unregister() {
        registration.unregister();
    }
}
