package io.switchboard.testing;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;

/**
 * Just enough of an OSGi service registry for components outside a framework:
 * references that order themselves as the framework's do, and a {@link ComponentContext} whose
 * {@code locateService} returns what was registered (and nothing once unregistered).
 */
public final class TestServices {

    private final Map<ServiceReference<?>, Object> services = new HashMap<>();
    private long nextServiceId = 1;

    /** Registers a service; properties are key/value pairs, e.g. {@code "service.ranking", 10}. */
    public <S> ServiceReference<S> register(S service, Object... keysAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        properties.put(Constants.SERVICE_ID, nextServiceId++);
        Reference<S> reference = new Reference<>(properties);
        services.put(reference, service);
        return reference;
    }

    /** The service goes away; a reference the component still holds then locates nothing. */
    public void unregister(ServiceReference<?> reference) {
        services.remove(reference);
    }

    /** A component context whose only working method is {@code locateService(name, reference)}. */
    public ComponentContext context() {
        return (ComponentContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ComponentContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "locateService" -> args.length == 2 ? services.get(args[1]) : unsupported(method.getName());
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test ComponentContext";
                    default -> unsupported(method.getName());
                });
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException(method + " is not needed by these tests");
    }

    /**
     * A service reference ordered as {@link ServiceReference#compareTo} specifies: a higher
     * {@code service.ranking} is greater; on equal rankings, the older service (lower id) is greater.
     */
    public static final class Reference<S> implements ServiceReference<S> {
        private final Map<String, Object> properties;

        Reference(Map<String, Object> properties) {
            this.properties = properties;
        }

        private int ranking() {
            return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
        }

        private long id() {
            return (Long) properties.get(Constants.SERVICE_ID);
        }

        @Override
        public int compareTo(Object other) {
            Reference<?> that = (Reference<?>) other;
            if (id() == that.id()) {
                return 0;
            }
            int byRanking = Integer.compare(ranking(), that.ranking());
            return byRanking != 0 ? byRanking : Long.compare(that.id(), id());
        }

        @Override
        public Object getProperty(String key) {
            return properties.get(key);
        }

        @Override
        public String[] getPropertyKeys() {
            return properties.keySet().toArray(String[]::new);
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return new Hashtable<>(properties);
        }

        @Override
        public Bundle getBundle() {
            return null;
        }

        @Override
        public Bundle[] getUsingBundles() {
            return null;
        }

        @Override
        public boolean isAssignableTo(Bundle bundle, String className) {
            return true;
        }

        @Override
        public <A> A adapt(Class<A> type) {
            return null;
        }

        @Override
        public String toString() {
            return "ServiceReference" + Collections.unmodifiableMap(properties);
        }
    }
}
