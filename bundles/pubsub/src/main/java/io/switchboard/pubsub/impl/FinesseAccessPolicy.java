package io.switchboard.pubsub.impl;

import java.util.ArrayList;
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
import org.osgi.service.metatype.annotations.Designate;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.pubsub.access.AccessDecision;
import io.switchboard.api.pubsub.access.NodeAccessPolicy;

/**
 * The default policy, which knows the Finesse node model (and any other scheme configured in
 * {@link AccessPolicyConfiguration}): a user reads only its own {@code /finesse/api/User/<id>} nodes
 * (and the nodes below them), a team's {@code /finesse/api/Team/<id>/...} nodes only as that team's
 * supervisor (as some {@link ContactCentreDirectory} says), and {@code /finesse/api/SystemInfo} like
 * everyone. It allows every other node, whose own XEP-0060 access model then decides.
 */
@Component(configurationPid = AccessPolicyConfiguration.PID, property = "service.ranking:Integer=0")
@Designate(ocd = AccessPolicyConfiguration.class)
public class FinesseAccessPolicy implements NodeAccessPolicy {

    private static final String DIRECTORIES = "directories";

    private final ComponentContext context;
    private final List<Pattern> userNodes;
    private final List<Pattern> teamNodes;
    private final List<String> reservedPrefixes;
    private final List<ServiceReference<ContactCentreDirectory>> directories = new CopyOnWriteArrayList<>();

    /** @throws IllegalArgumentException naming the key of a template without its placeholder */
    @Activate
    public FinesseAccessPolicy(ComponentContext context, AccessPolicyConfiguration config) {
        this.context = context;
        this.userNodes = patterns("userNodes", config.userNodes(), "{user}");
        this.teamNodes = patterns("teamNodes", config.teamNodes(), "{team}");
        this.reservedPrefixes = List.of(config.reservedPrefixes());
    }

    /** A template matches the node it names and every node below it; group 1 is the id. */
    private static List<Pattern> patterns(String key, String[] templates, String placeholder) {
        List<Pattern> patterns = new ArrayList<>();
        for (String template : templates) {
            int at = template.indexOf(placeholder);
            if (at < 0 || template.indexOf(placeholder, at + 1) >= 0) {
                throw new IllegalArgumentException(AccessPolicyConfiguration.PID + ": " + key + " '" + template
                        + "' must contain " + placeholder + " once");
            }
            patterns.add(Pattern.compile(Pattern.quote(template.substring(0, at)) + "([^/]+)"
                    + Pattern.quote(template.substring(at + placeholder.length())) + "(/.*)?"));
        }
        return List.copyOf(patterns);
    }

    private static String id(List<Pattern> patterns, String node) {
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(node);
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        return null;
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
        String owner = id(userNodes, node);
        if (owner != null) {
            return user.equals(nodeprep(owner)) ? AccessDecision.allowed()
                    : AccessDecision.denied(PacketError.Condition.forbidden, "a user node is for its own user only");
        }
        String team = id(teamNodes, node);
        if (team != null) {
            return supervises(user, team)
                    ? AccessDecision.allowed()
                    : AccessDecision.denied(PacketError.Condition.forbidden, "a team node is for the team's supervisors only");
        }
        return AccessDecision.allowed(); // SystemInfo and every other node: open to this server's users
    }

    /** The event sources' paths (the Finesse ones by default) are theirs: no client may make a node there. */
    @Override
    public AccessDecision create(JID creator, String node) {
        for (String prefix : reservedPrefixes) {
            if (node.startsWith(prefix)) {
                return AccessDecision.denied(PacketError.Condition.forbidden, prefix + " nodes belong to the event sources");
            }
        }
        return AccessDecision.allowed();
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
