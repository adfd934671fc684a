package io.switchboard.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A component's configuration as Declarative Services hands it over: an instance of its
 * configuration annotation, with the values a test gives and the annotation's defaults elsewhere.
 */
public final class Configurations {

    private Configurations() {
    }

    /** @param namesAndValues method name, value, method name, value, … */
    public static <A extends Annotation> A of(Class<A> type, Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "@" + type.getSimpleName() + values;
                    default -> {
                        Object value = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                        if (value == null) {
                            throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " has no value");
                        }
                        yield value;
                    }
                }));
    }
}
