package io.switchboard.eventsource.simulator.impl;

import java.lang.reflect.Proxy;
import java.util.function.BooleanSupplier;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Configuration Admin as the simulator asks it: whether {@code config/io.switchboard.cluster.cfg} is there. */
final class ClusterConfigurations {

    private ClusterConfigurations() {
    }

    /** A single node: no cluster configured. */
    static ConfigurationAdmin none() {
        return configured(() -> false);
    }

    /** The cluster's configuration is there while {@code present} says so. */
    static ConfigurationAdmin configured(BooleanSupplier present) {
        Configuration cluster = (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listConfigurations")) {
                        boolean asked = ((String) args[0]).contains(ContactCentreSimulator.CLUSTER_PID);
                        return asked && present.getAsBoolean() ? new Configuration[] {cluster} : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
