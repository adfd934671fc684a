package io.switchboard.events.impl;

/**
 * Node names (and the REST paths the Finesse documents name, which are the same) of one prefix:
 * templates with {prefix}, {agent}, {team} and {queue}.
 */
record NodeScheme(String prefix, String user, String team, String dialogs, String queue) {

    static final NodeScheme FINESSE = new NodeScheme("/finesse/api", "{prefix}/User/{agent}", "{prefix}/Team/{team}/Users",
            "{prefix}/User/{agent}/Dialogs", "{prefix}/Queue/{queue}");

    NodeScheme {
        checkPrefix(prefix);
        check("userNode", user, "{agent}");
        check("teamNode", team, "{team}");
        check("dialogsNode", dialogs, "{agent}");
        check("queueNode", queue, "{queue}");
    }

    static NodeScheme of(EventsConfiguration config) {
        return new NodeScheme(config.nodePrefix(), config.userNode(), config.teamNode(), config.dialogsNode(), config.queueNode());
    }

    /** The same templates under another prefix. */
    NodeScheme withPrefix(String other) {
        return new NodeScheme(other, user, team, dialogs, queue);
    }

    String userNode(String agentId) {
        return fill(user, "{agent}", agentId);
    }

    String teamNode(String teamId) {
        return fill(team, "{team}", teamId);
    }

    String dialogsNode(String agentId) {
        return fill(dialogs, "{agent}", agentId);
    }

    String queueNode(String queueId) {
        return fill(queue, "{queue}", queueId);
    }

    /** Paths of objects that have no node of their own (Finesse's REST paths). */
    String path(String kind, String id) {
        return prefix + "/" + kind + "/" + id;
    }

    private String fill(String template, String name, String id) {
        return template.replace("{prefix}", prefix).replace(name, id);
    }

    static void checkPrefix(String prefix) {
        if (prefix == null || !prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("{")) {
            throw new IllegalArgumentException(EventsConfiguration.PID + ": node prefix '" + prefix
                    + "' must start with '/' and not end with one");
        }
    }

    private static void check(String key, String template, String placeholder) {
        if (template == null || !template.contains(placeholder)) {
            throw new IllegalArgumentException(EventsConfiguration.PID + ": " + key + " '" + template + "' must contain " + placeholder);
        }
    }
}
