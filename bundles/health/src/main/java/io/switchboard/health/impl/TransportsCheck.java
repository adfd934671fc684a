package io.switchboard.health.impl;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;


/**
 * "transports": the components that own the listeners are active. Each binds its ports when it
 * activates and fails to activate when it cannot, so active means listening.
 */
@Component(immediate = true, property = {HealthCheck.NAME + "=transports", Checks.TAGS, Checks.DEFAULT_TAG}, configurationPid = TransportsCheck.PID)
@Designate(ocd = TransportsCheck.Configuration.class)
public class TransportsCheck implements HealthCheck {

    static final String PID = "io.switchboard.health.transports";

    @ObjectClassDefinition(name = "Switchboard health: transports",
            description = "The Declarative Services components that listen for clients; each must be active.")
    public @interface Configuration {
        @AttributeDefinition(name = "Components", description = "Component names (usually their class names).")
        String[] components() default {"io.switchboard.http.impl.HttpServer", "io.switchboard.transport.websocket.impl.WebSocketTransport",
                "io.switchboard.transport.bosh.impl.BoshTransport", "io.switchboard.transport.tcp.impl.TcpTransport"};
    }

    private final ServiceComponentRuntime runtime;
    private volatile List<String> components;

    @Activate
    public TransportsCheck(@Reference ServiceComponentRuntime runtime, Configuration config) {
        this.runtime = runtime;
        modified(config);
    }

    @Modified
    void modified(Configuration config) {
        components = List.of(config.components());
    }

    @Override
    public Result execute() {
        List<String> down = new ArrayList<>();
        for (String name : components) {
            boolean active = runtime.getComponentDescriptionDTOs().stream()
                    .filter(description -> description.name.equals(name))
                    .anyMatch(this::active);
            if (!active) {
                down.add(name);
            }
        }
        return down.isEmpty()
                ? Checks.ok("listening: " + String.join(", ", components.stream().map(TransportsCheck::shortName).toList()))
                : Checks.critical("not active (not listening): " + String.join(", ", down));
    }

    private boolean active(ComponentDescriptionDTO description) {
        return runtime.getComponentConfigurationDTOs(description).stream()
                .anyMatch(configuration -> configuration.state == ComponentConfigurationDTO.ACTIVE);
    }

    private static String shortName(String component) {
        return component.substring(component.lastIndexOf('.') + 1);
    }
}
