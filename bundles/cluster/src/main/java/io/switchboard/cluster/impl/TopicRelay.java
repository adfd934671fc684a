package io.switchboard.cluster.impl;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hazelcast.topic.ITopic;

import io.switchboard.api.cluster.ClusterRelay;
import io.switchboard.api.cluster.RelayListener;

/**
 * The relay on Hazelcast topics, one per channel: a member hears one sender's messages of a topic in
 * the order they were published, and never its own.
 */
@Component(service = ClusterRelay.class, immediate = true, configurationPid = ClusterConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class TopicRelay implements ClusterRelay {

    private static final Logger LOG = LoggerFactory.getLogger(TopicRelay.class);
    private static final String TOPIC = "switchboard.relay.";

    private final ClusterMember member;
    /** Each listener's registration on its channel's topic. */
    private final Map<RelayListener, UUID> listening = new ConcurrentHashMap<>();

    @Activate
    public TopicRelay(@Reference ClusterMember member) {
        this.member = member;
    }

    @Override
    public void broadcast(String channel, String message) {
        topic(channel).publishAsync(message);
    }

    private ITopic<String> topic(String channel) {
        return member.hazelcast().getTopic(TOPIC + channel);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RelayListener listener, Map<String, Object> properties) {
        Object channel = properties.get(RelayListener.CHANNEL);
        if (channel == null) {
            LOG.warn("Relay listener {} names no channel ({}): it hears nothing", listener, RelayListener.CHANNEL);
            return;
        }
        UUID registration = topic(channel.toString()).addMessageListener(message -> {
            if (!message.getPublishingMember().localMember()) {
                try {
                    listener.received(message.getMessageObject(), member.name(message.getPublishingMember().getUuid()));
                } catch (RuntimeException e) {
                    LOG.warn("Relay listener {} failed on channel {}", listener, channel, e);
                }
            }
        });
        listening.put(listener, registration);
    }

    void removeListener(RelayListener listener, Map<String, Object> properties) {
        UUID registration = listening.remove(listener);
        if (registration != null) {
            try {
                topic(String.valueOf(properties.get(RelayListener.CHANNEL))).removeMessageListener(registration);
            } catch (RuntimeException e) {
                LOG.debug("The member is leaving", e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        listening.clear(); // the member they were registered with is shutting down
    }
}
