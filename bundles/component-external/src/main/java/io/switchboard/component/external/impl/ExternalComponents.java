package io.switchboard.component.external.impl;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import com.fasterxml.aalto.AsyncXMLInputFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.api.routing.Router;
import io.switchboard.xmlstream.NettyXml;
import io.switchboard.xmlstream.XmlStreamParser;

/**
 * The XEP-0114 listener: accepts component connections, knows which components are configured
 * (one {@link ComponentAccount} each) and which are connected, and mounts a connected one by
 * registering it as a Tinder component at its subdomain, exactly as an in-process one is mounted.
 */
@Component(service = ExternalComponents.class, immediate = true, configurationPid = "io.switchboard.component.external")
@Designate(ocd = ExternalComponentsConfiguration.class)
public class ExternalComponents {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalComponents.class);

    private final Map<String, ComponentAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, ComponentConnection> connected = new ConcurrentHashMap<>();
    private final BundleContext context;
    private final Router router;
    private final AsyncXMLInputFactory xml = XmlStreamParser.newFactory();
    private final XmlStreamParser.Limits limits;
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("switchboard-components", true), NioIoHandler.newFactory());

    @Activate
    public ExternalComponents(BundleContext context, @Reference Router router, @Reference SSLContext certificate,
            ExternalComponentsConfiguration config) throws InterruptedException {
        this.context = context;
        this.router = router;
        this.limits = new XmlStreamParser.Limits(config.maxStanzaSize(), config.maxElementDepth(), config.maxAttributes());
        if (config.port() < 0) {
            return;
        }
        try {
            int bound = NettyXml.listen(loops, config.host(), config.port(), config.tls() ? certificate : null,
                    config.idleTimeoutSeconds(), () -> new ComponentConnection(this));
            LOG.info("External components (XEP-0114) on {}:{}{}", config.host(), bound, config.tls() ? " (TLS)" : "");
        } catch (InterruptedException | RuntimeException e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        // the stream errors go out before the event loop stops: a stopping loop closes its channels first
        connected.values().stream().map(connection -> connection.fail(StreamError.Condition.system_shutdown, null)).toList()
                .forEach(closed -> closed.awaitUninterruptibly(2, TimeUnit.SECONDS));
        loops.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAccount(ComponentAccount account) {
        accounts.put(account.subdomain(), account);
    }

    void removeAccount(ComponentAccount account) {
        accounts.remove(account.subdomain(), account);
        ComponentConnection connection = connected.get(account.subdomain());
        if (connection != null) {
            connection.fail(StreamError.Condition.not_authorized, "this component is no longer configured");
        }
    }

    Router router() {
        return router;
    }

    XmlStreamParser parser(XmlStreamParser.Listener listener) {
        return new XmlStreamParser(xml, XmlStreamParser.JABBER_COMPONENT, listener, limits);
    }

    /** The configured component whose domain this is, e.g. acd.example.com. */
    Optional<ComponentAccount> account(String domain) {
        return accounts.values().stream().filter(account -> account.domain().equalsIgnoreCase(domain)).findFirst();
    }

    /** Reserves the subdomain for this connection; false when it is taken, by a connection or an in-process component. */
    boolean claim(ComponentAccount account, ComponentConnection connection) {
        try {
            String filter = "(" + Router.COMPONENT_SUBDOMAIN + "=" + account.subdomain() + ")";
            if (context.getServiceReferences(org.xmpp.component.Component.class, filter).size() > 0) {
                return false;
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a checked DNS label makes a valid filter
        }
        return connected.putIfAbsent(account.subdomain(), connection) == null;
    }

    void release(ComponentAccount account, ComponentConnection connection) {
        connected.remove(account.subdomain(), connection);
    }

    /** Mounts the connection at its subdomain, as any Tinder component registered as a service is. */
    ServiceRegistration<org.xmpp.component.Component> mount(ComponentAccount account, ComponentConnection connection) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Router.COMPONENT_SUBDOMAIN, account.subdomain());
        return context.registerService(org.xmpp.component.Component.class, connection, properties);
    }
}
