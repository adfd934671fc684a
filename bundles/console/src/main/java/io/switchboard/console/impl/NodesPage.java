package io.switchboard.console.impl;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.pubsub.NodeActivity;
import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.pubsub.store.PubSubStore.StoredNode;
import io.switchboard.api.pubsub.StoreException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Console page: the publish-subscribe nodes as stored, with owners, subscribers, items and when each was last published to. */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=switchboard-nodes",
        ServletConstants.PLUGIN_TITLE + "=PubSub nodes",
        ServletConstants.PLUGIN_CATEGORY + "=Switchboard"})
public class NodesPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    private final transient PubSubStore store;
    /** The publish-subscribe service's record of publishes; without it the column stays empty. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile NodeActivity activity;

    @Activate
    public NodesPage(@Reference PubSubStore store) {
        this.store = store;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<StoredNode> nodes;
        try {
            nodes = store.load().stream().sorted(Comparator.comparing(StoredNode::name)).toList();
        } catch (StoreException e) {
            response.getWriter().println("<p class=\"statline\">The pubsub store cannot be read: " + Html.escape(e.getMessage()) + "</p>");
            return;
        }
        List<List<Object>> rows = nodes.stream().map(node -> List.<Object>of(node.name(), owners(node),
                node.subscriptions().size(), String.join(" ", node.subscriptions().stream()
                        .map(subscription -> subscription.jid() + ("subscribed".equals(subscription.state()) ? "" : " (" + subscription.state() + ")"))
                        .toList()),
                node.items().size(), node.items().isEmpty() ? "" : node.items().get(0).id(), lastPublish(node.name()))).toList();
        Html.table(response.getWriter(), "switchboard-nodes", nodes.size() + " nodes",
                List.of("Node", "Owners", "Subscriptions", "Subscribers", "Items", "Last item", "Last publish (UTC)"), rows);
    }

    /** ISO 8601 to the second, or why there is none. */
    private String lastPublish(String node) {
        NodeActivity current = activity;
        if (current == null) {
            return "unknown (no pubsub service)";
        }
        return current.lastPublished(node).map(time -> time.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("none since start");
    }

    private static String owners(StoredNode node) {
        return String.join(" ", node.affiliations().entrySet().stream().filter(affiliation -> "owner".equals(affiliation.getValue()))
                .map(java.util.Map.Entry::getKey).sorted().toList());
    }
}
