package io.switchboard.cluster.impl;

import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.cluster.Cluster;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/** {@code switchboard:cluster}: the members, oldest first, and how many sessions each holds. */
@Component(service = ClusterCommands.class, configurationPid = ClusterConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=cluster"})
public final class ClusterCommands {

    private final ClusterMember member;
    private final SessionRegistry sessions;

    @Activate
    public ClusterCommands(@Reference ClusterMember member, @Reference SessionRegistry sessions) {
        this.member = member;
        this.sessions = sessions;
    }

    public String cluster() {
        String here = member.local().name();
        Map<String, Long> perMember = sessions.all().stream()
                .collect(Collectors.groupingBy(session -> memberOf(session, here), Collectors.counting()));
        StringBuilder out = new StringBuilder();
        boolean oldest = true;
        for (Cluster.Member each : member.members()) {
            out.append(String.format("%-20s %-22s host %-20s %6d sessions%s%s%n", each.name(), each.address(), each.host(),
                    perMember.getOrDefault(each.name(), 0L), oldest ? "  oldest (runs the once-per-cluster sources)" : "",
                    each.name().equals(here) ? "  (this member)" : ""));
            oldest = false;
        }
        return out.toString().stripTrailing();
    }

    private static String memberOf(ClientSession session, String here) {
        return session.member() == null ? here : session.member();
    }
}
