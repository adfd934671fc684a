package io.switchboard.cluster.impl;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.cluster.Cluster;

/**
 * "cluster", while the cluster is configured: this server is a member, and which members it sees;
 * critical when it is configured but not a member (it refused, or could not start).
 */
@Component(immediate = true, configurationPid = ClusterConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {HealthCheck.NAME + "=cluster", HealthCheck.TAGS + "=switchboard", HealthCheck.TAGS + "=default"})
public final class ClusterCheck implements HealthCheck {

    @Reference
    private ConfigurationAdmin configurations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterMember member;

    @Override
    public Result execute() {
        ClusterMember current = member;
        if (current == null) {
            String refusal = SharedStore.refusal(configurations);
            return new Result(Result.Status.CRITICAL, "configured (config/" + ClusterConfiguration.PID
                    + ".cfg) but not a member: " + (refusal != null ? refusal : "it could not start; see the log"));
        }
        return new Result(Result.Status.OK, "member " + current.local().name() + ", " + current.members().size()
                + " members seen: " + String.join(", ", current.members().stream().map(Cluster.Member::name).toList())
                + (current.isOldest() ? "; this member is the oldest" : ""));
    }
}
