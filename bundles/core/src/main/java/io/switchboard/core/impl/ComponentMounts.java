package io.switchboard.core.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Tinder components mounted at {@code <subdomain>.<domain>}: each gets its own
 * {@link ComponentManager} that sends through the router, and receives every stanza addressed to
 * its domain.
 */
final class ComponentMounts {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentMounts.class);
    private static final long QUERY_TIMEOUT_SECONDS = 30;

    private final DefaultRouter router;
    private final Map<String, Mount> byDomain = new ConcurrentHashMap<>();

    ComponentMounts(DefaultRouter router) {
        this.router = router;
    }

    void mount(String subdomain, Component component) {
        String domain = subdomain + "." + router.domain();
        Mount mount = new Mount(new JID(domain), component);
        if (byDomain.putIfAbsent(domain, mount) != null) {
            LOG.error("Component {} not mounted: {} is already taken", component.getName(), domain);
            return;
        }
        try {
            component.initialize(mount.address, mount);
            component.start();
            LOG.info("Component '{}' mounted at {}", component.getName(), domain);
        } catch (ComponentException | RuntimeException e) {
            byDomain.remove(domain, mount);
            LOG.error("Component {} failed to start at {}", component.getName(), domain, e);
        }
    }

    void unmount(Component component) {
        byDomain.values().removeIf(mount -> {
            if (mount.component != component) {
                return false;
            }
            mount.stop();
            return true;
        });
    }

    void unmountAll() {
        byDomain.values().forEach(Mount::stop);
        byDomain.clear();
    }

    Map<String, Component> byDomain() {
        Map<String, Component> view = new LinkedHashMap<>();
        byDomain.forEach((domain, mount) -> view.put(domain, mount.component));
        return view;
    }

    /** Hands a stanza to the component mounted at this domain; false when there is none. */
    boolean deliver(String domain, Packet packet) {
        Mount mount = byDomain.get(domain);
        if (mount == null) {
            return false;
        }
        mount.deliver(packet);
        return true;
    }

    /** One mounted component and the manager it talks to the server through. */
    private final class Mount implements ComponentManager {
        final JID address;
        final Component component;
        private final Map<String, CompletableFuture<IQ>> pendingQueries = new ConcurrentHashMap<>();
        private final Map<String, String> properties = new ConcurrentHashMap<>();

        Mount(JID address, Component component) {
            this.address = address;
            this.component = component;
        }

        void deliver(Packet packet) {
            if (packet instanceof IQ iq && iq.isResponse()) {
                CompletableFuture<IQ> pending = pendingQueries.remove(iq.getID());
                if (pending != null) {
                    pending.complete(iq);
                    return;
                }
            }
            try {
                component.processPacket(packet);
            } catch (RuntimeException e) {
                LOG.error("Component {} failed on {}", component.getName(), packet.toXML(), e);
                router.bounce(packet, org.xmpp.packet.PacketError.Condition.internal_server_error);
            }
        }

        void stop() {
            try {
                component.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("Component {} failed to shut down", component.getName(), e);
            }
            pendingQueries.values().forEach(query -> query.cancel(false));
            LOG.info("Component '{}' unmounted from {}", component.getName(), address);
        }

        @Override
        public void sendPacket(Component sender, Packet packet) {
            if (packet.getFrom() == null) {
                packet.setFrom(address);
            }
            router.route(packet);
        }

        @Override
        public IQ query(Component sender, IQ request, long timeoutMillis) throws ComponentException {
            try {
                return send(request).get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pendingQueries.remove(request.getID());
                return null; // Tinder's contract: null when no answer came in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComponentException(e);
            } catch (ExecutionException e) {
                throw new ComponentException(e.getCause());
            }
        }

        @Override
        public void query(Component sender, IQ request, IQResultListener listener) {
            send(request).orTimeout(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((answer, failure) -> {
                if (answer != null) {
                    listener.receivedAnswer(answer);
                } else {
                    pendingQueries.remove(request.getID());
                    listener.answerTimeout(request.getID());
                }
            });
        }

        private CompletableFuture<IQ> send(IQ request) {
            CompletableFuture<IQ> answer = new CompletableFuture<>();
            pendingQueries.put(request.getID(), answer);
            sendPacket(component, request);
            return answer;
        }

        @Override
        public void addComponent(String subdomain, Component other) {
            mount(subdomain, other);
        }

        @Override
        public void removeComponent(String subdomain) {
            Mount mount = byDomain.remove(subdomain + "." + router.domain());
            if (mount != null) {
                mount.stop();
            }
        }

        @Override
        public String getProperty(String name) {
            return properties.get(name);
        }

        @Override
        public void setProperty(String name, String value) {
            properties.put(name, value);
        }

        @Override
        public String getServerName() {
            return router.domain();
        }

        @Override
        public boolean isExternalMode() {
            return false;
        }
    }
}
