package io.switchboard.pubsub.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.pubsub.AccessDecision;
import io.switchboard.api.pubsub.NodeAccessPolicy;

/**
 * The default policy, which knows the Finesse node model: a user reads only its own
 * {@code /finesse/api/User/<id>} nodes (and the nodes below them), a team's
 * {@code /finesse/api/Team/<id>/...} nodes only as that team's supervisor (as some
 * {@link ContactCentreDirectory} says), and {@code /finesse/api/SystemInfo} like everyone. It allows
 * every other node, whose own XEP-0060 access model then decides.
 */
@Component(property = "service.ranking:Integer=0")
public class FinesseAccessPolicy implements NodeAccessPolicy {

    private static final Pattern USER_NODE = Pattern.compile("/finesse/api/User/([^/]+)(/.*)?");
    private static final Pattern TEAM_NODE = Pattern.compile("/finesse/api/Team/([^/]+)(/.*)?");

    private static final String DIRECTORIES = "directories";

    private final ComponentContext context;
    private final List<ServiceReference<ContactCentreDirectory>> directories = new CopyOnWriteArrayList<>();

    @Activate
    public FinesseAccessPolicy(ComponentContext context) {
        this.context = context;
    }

    /*
     * Bound by reference and fetched when asked: an event source that is a directory usually
     * publishes through pubsub too, and getting it while pubsub starts would be a cycle.
     */
    @Reference(name = DIRECTORIES, service = ContactCentreDirectory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addDirectory(ServiceReference<ContactCentreDirectory> directory) {
        directories.add(directory);
    }

    void removeDirectory(ServiceReference<ContactCentreDirectory> directory) {
        directories.remove(directory);
    }

    private boolean supervises(String user, String team) {
        for (ServiceReference<ContactCentreDirectory> reference : directories) {
            ContactCentreDirectory directory = context.locateService(DIRECTORIES, reference);
            if (directory != null && directory.supervisedTeams(user).contains(team)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AccessDecision subscribe(JID subscriber, String node) {
        String user = subscriber.getNode();
        if (user == null) {
            return AccessDecision.denied(PacketError.Condition.forbidden, "only users subscribe");
        }
        Matcher userNode = USER_NODE.matcher(node);
        if (userNode.matches()) {
            return user.equals(nodeprep(userNode.group(1))) ? AccessDecision.allowed()
                    : AccessDecision.denied(PacketError.Condition.forbidden, "a user node is for its own user only");
        }
        Matcher teamNode = TEAM_NODE.matcher(node);
        if (teamNode.matches()) {
            String team = teamNode.group(1);
            return supervises(user, team)
                    ? AccessDecision.allowed()
                    : AccessDecision.denied(PacketError.Condition.forbidden, "a team node is for the team's supervisors only");
        }
        return AccessDecision.allowed(); // SystemInfo and every other node: open to this server's users
    }

    /** The Finesse paths belong to the event sources: no client may make a node there. */
    @Override
    public AccessDecision create(JID creator, String node) {
        return node.startsWith("/finesse/")
                ? AccessDecision.denied(PacketError.Condition.forbidden, "/finesse/ nodes belong to the event sources")
                : AccessDecision.allowed();
    }

    /** Node names carry ids as the directory spells them; JIDs carry them stringprepped. */
    private static String nodeprep(String id) {
        try {
            return JID.nodeprep(id);
        } catch (IllegalArgumentException e) {
            return null; // no user can have this id
        }
    }
}
