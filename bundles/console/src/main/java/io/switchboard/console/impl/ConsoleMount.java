package io.switchboard.console.impl;

import java.io.IOException;
import java.util.EventListener;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import io.switchboard.http.HttpMount;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Felix HTTP bridge on our Jetty: the bridge (an OSGi HTTP and Servlet Whiteboard without a
 * server of its own) offers its dispatcher servlet as a service, and this mounts it at
 * {@code /system/console} in a servlet context of the same Jetty. The Web Console registers itself
 * on the whiteboard at {@code /system/console}, so the dispatcher is handed the whole path.
 * Mounted only while our {@link AdminSecurity} is there, so the console never opens without it.
 */
@Component(service = HttpMount.class)
public class ConsoleMount implements HttpMount {

    static final String PATH = "/system/console";
    static final String DISPATCHER = "(http.felix.dispatcher=*)";

    private final HttpServlet dispatcher;
    private final EventListener sessionEvents;

    @Activate
    public ConsoleMount(@Reference(target = DISPATCHER) HttpServlet dispatcher,
            @Reference(target = DISPATCHER, cardinality = ReferenceCardinality.OPTIONAL) EventListener sessionEvents,
            @Reference(target = "(" + SecurityProvider.PROPERTY_ID + "=" + AdminSecurity.ID + ")") SecurityProvider security) {
        this.dispatcher = dispatcher;
        this.sessionEvents = sessionEvents;
    }

    @Override
    public ContextHandler handler(Server server) {
        // at the root, as the bridge takes the servlet context's path for the console's own: so
        // that others at the root (the board, WebSocket) get every request it has no servlet for
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.getServletHandler().setEnsureDefaultServlet(false);
        context.addServlet(new ServletHolder("felix-http-bridge", new WholePath(dispatcher)), PATH + "/*");
        if (sessionEvents != null) {
            context.addEventListener(sessionEvents);
        }
        return context;
    }

    /** Hands the bridge the request as if this context were the root: the path whole, no context path. */
    static final class WholePath extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient HttpServlet dispatcher;

        WholePath(HttpServlet dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        public void init(ServletConfig config) throws ServletException {
            super.init(config);
            dispatcher.init(config);
        }

        @Override
        public void destroy() {
            dispatcher.destroy();
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            String path = request.getContextPath() + request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            dispatcher.service(new HttpServletRequestWrapper(request) {
                @Override
                public String getContextPath() {
                    return "";
                }

                @Override
                public String getServletPath() {
                    return "";
                }

                @Override
                public String getPathInfo() {
                    return path;
                }
            }, response);
        }
    }

    @Override
    public String toString() {
        return "Web console at " + PATH;
    }
}
