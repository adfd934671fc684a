package io.switchboard.cluster.impl;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this server a member while {@code config/io.switchboard.cluster.cfg} exists, and leaves when
 * it goes or changes (a changed file: leave, then join on the new settings). A server whose store
 * cannot be shared refuses, with one log line naming the setting; the "cluster" check says so too.
 */
@Component(service = {}, immediate = true, configurationPid = ClusterConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ClusterConfiguration.class)
public final class ClusterStarter {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStarter.class);

    private final ClusterMember member;

    @Activate
    public ClusterStarter(BundleContext context, ClusterConfiguration config, @Reference ConfigurationAdmin configurations) {
        String refusal = SharedStore.refusal(configurations);
        if (refusal != null) {
            LOG.error(refusal);
        }
        this.member = refusal == null ? new ClusterMember(context, config) : null;
    }

    @Deactivate
    void deactivate() {
        if (member != null) {
            member.close();
        }
    }
}
