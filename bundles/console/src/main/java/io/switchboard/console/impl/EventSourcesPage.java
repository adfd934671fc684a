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
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.events.EventSource;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Console page: the event sources with their state and the events they published (the health checks have the Felix Health Check page). */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=switchboard-eventsources",
        ServletConstants.PLUGIN_TITLE + "=Event sources",
        ServletConstants.PLUGIN_CATEGORY + "=Switchboard"})
public class EventSourcesPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    private final transient Map<ServiceReference<EventSource>, EventSource> sources = new ConcurrentHashMap<>();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MeterRegistry meters;
    /** The count of events at the previous look, and when: the rate is over the time between two looks. */
    private transient double previousCount = -1;
    private transient long previousNanos;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ServiceReference<EventSource> reference, EventSource source) {
        sources.put(reference, source);
    }

    void removeSource(ServiceReference<EventSource> reference) {
        sources.remove(reference);
    }

    /** Events the sources published: in all, and per second since the page was last shown. */
    private synchronized String rate() {
        MeterRegistry registry = meters;
        Counter published = registry == null ? null : registry.find("switchboard.pubsub.published").tag("via", "event-source").counter();
        if (published == null) {
            return "events published: unknown (no metrics)";
        }
        double count = published.count();
        long now = System.nanoTime();
        String perSecond = previousCount < 0 || now == previousNanos ? "reload for the rate"
                : String.format("%.1f/s since the last look", (count - previousCount) / ((now - previousNanos) / 1e9));
        previousCount = count;
        previousNanos = now;
        return String.format("%.0f events published (%s)", count, perSecond);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<List<Object>> running = sources.entrySet().stream().map(source -> {
            Bundle bundle = source.getKey().getBundle();
            return List.<Object>of(source.getValue().name(), String.valueOf(source.getKey().getProperty("component.name")),
                    bundle == null ? "" : bundle.getSymbolicName() + " " + bundle.getVersion(), source.getValue().state());
        }).toList();
        Html.table(response.getWriter(), "switchboard-eventsources", running.size() + " event sources; " + rate(),
                List.of("Event source", "Component", "Bundle", "State"), running);
        response.getWriter().println("<p class=\"statline\">Health: the <a href=\"healthcheck?tags=switchboard\">Health Check</a> page, or GET /health.</p>");
    }
}
