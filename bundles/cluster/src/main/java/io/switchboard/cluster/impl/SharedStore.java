package io.switchboard.cluster.impl;

import java.io.IOException;
import java.util.Dictionary;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Whether this server's publish-subscribe store can be shared by a cluster: nodes, subscriptions and
 * items must be the same on every member, which a local H2 file is not.
 */
final class SharedStore {

    static final String PUBSUB_STORE = "io.switchboard.pubsub.store.jdbc";

    private SharedStore() {
    }

    /** Why this server may not join a cluster, or null when it may. */
    static String refusal(ConfigurationAdmin admin) {
        String url = url(admin, PUBSUB_STORE);
        if (url == null || url.startsWith("jdbc:h2:")) {
            return "Not joining the cluster: the publish-subscribe store is " + (url == null ? "the default H2 file" : url)
                    + ", a file of this server alone; every member must use the same PostgreSQL database"
                    + " (config/" + PUBSUB_STORE + ".cfg, key url, with dataSourceFactory.target for PostgreSQL)";
        }
        return null;
    }

    private static String url(ConfigurationAdmin admin, String pid) {
        try {
            Configuration[] found = admin.listConfigurations("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + pid + ")");
            if (found == null || found.length == 0) {
                return null;
            }
            Dictionary<String, Object> properties = found[0].getProperties();
            Object url = properties == null ? null : properties.get("url");
            return url == null ? null : url.toString().trim();
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }
}
