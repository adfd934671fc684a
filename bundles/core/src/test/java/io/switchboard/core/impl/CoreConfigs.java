package io.switchboard.core.impl;

import java.lang.reflect.Proxy;

/** The core's configuration as Configuration Admin would hand it to the components. */
final class CoreConfigs {

    private CoreConfigs() {
    }

    static CoreConfiguration config(String domain) {
        return (CoreConfiguration) Proxy.newProxyInstance(CoreConfigs.class.getClassLoader(),
                new Class<?>[] {CoreConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "domain" -> domain;
                    case "annotationType" -> CoreConfiguration.class;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "@CoreConfiguration(domain=" + domain + ")";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
