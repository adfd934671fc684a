package io.switchboard.console.impl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.health.HealthCheck;
import io.switchboard.api.health.HealthResult;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Console page: the running event sources (each a contact-centre directory) and the server's health checks. */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=switchboard-eventsources",
        ServletConstants.PLUGIN_TITLE + "=Event sources and health",
        ServletConstants.PLUGIN_CATEGORY + "=Switchboard"})
public class EventSourcesPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    private final transient Map<ServiceReference<ContactCentreDirectory>, Boolean> sources = new ConcurrentHashMap<>();
    private final transient Map<HealthCheck, String> checks = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ServiceReference<ContactCentreDirectory> source) {
        sources.put(source, true);
    }

    void removeSource(ServiceReference<ContactCentreDirectory> source) {
        sources.remove(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + HealthCheck.NAME + "=*)")
    void addCheck(HealthCheck check, Map<String, Object> properties) {
        checks.put(check, String.valueOf(properties.get(HealthCheck.NAME)));
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<List<Object>> running = sources.keySet().stream().map(source -> {
            Bundle bundle = source.getBundle();
            return List.<Object>of(String.valueOf(source.getProperty("component.name")),
                    bundle == null ? "" : bundle.getSymbolicName() + " " + bundle.getVersion(), "running");
        }).toList();
        Html.table(response.getWriter(), "switchboard-eventsources", running.size() + " event sources running",
                List.of("Event source", "Bundle", "State"), running);
        List<List<Object>> health = checks.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(check -> {
            HealthResult result = check.getKey().check();
            return List.<Object>of(check.getValue(), result.healthy() ? "healthy" : "UNHEALTHY", result.message());
        }).toList();
        Html.table(response.getWriter(), "switchboard-health", "Health checks (also at /health)", List.of("Check", "State", "Message"), health);
    }
}
