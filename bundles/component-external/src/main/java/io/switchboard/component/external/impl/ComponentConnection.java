package io.switchboard.component.external.impl;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.xmlstream.NettyXml;
import io.switchboard.xmlstream.XmlStreamParser;

/**
 * One external component's connection (XEP-0114): stream header, handshake, then stanzas both
 * ways. Once authenticated it is itself the Tinder {@link org.xmpp.component.Component} mounted at
 * its subdomain: what the router hands it is written to the socket. IQ requests it has not answered
 * when it goes away are answered for it with {@code service-unavailable}.
 */
final class ComponentConnection extends ChannelInboundHandlerAdapter
        implements XmlStreamParser.Listener, org.xmpp.component.Component {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Namespace STREAMS = Namespace.get("stream", XmlStreamParser.STREAMS_NS);

    private enum State { AWAITING_HEADER, AWAITING_HANDSHAKE, CONNECTED, ENDED }

    private final ExternalComponents components;
    /** IQ requests handed to the component and not answered yet, by requester and id. */
    private final Map<String, IQ> unanswered = new ConcurrentHashMap<>();
    private Channel channel;
    private XmlStreamParser parser;
    private volatile State state = State.AWAITING_HEADER;
    private boolean headerSent;
    private String streamId;
    private ComponentAccount account;
    private ServiceRegistration<org.xmpp.component.Component> registration;

    ComponentConnection(ExternalComponents components) {
        this.components = components;
    }

    // ---- bytes in ---------------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        parser = components.parser(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            NettyXml.feed(parser, (ByteBuf) message);
        } catch (XmlStreamParser.Violation e) {
            fail(e.condition, e.getMessage());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            fail(StreamError.Condition.connection_timeout, "nothing received for too long");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException) {
            LOG.debug("Component connection from {} failed", channel.remoteAddress(), cause);
            ctx.close();
        } else {
            LOG.error("Unexpected failure on the component connection from {}", channel.remoteAddress(), cause);
            fail(StreamError.Condition.internal_server_error, null);
        }
    }

    // ---- the stream ---------------------------------------------------------------------------------

    @Override
    public void streamOpened(String to, String version, String lang) {
        account = to == null ? null : components.account(to).orElse(null);
        sendHeader(account == null ? components.router().domain() : account.domain());
        if (account == null) {
            fail(StreamError.Condition.host_unknown, "no component is configured for " + to);
        } else if (!components.claim(account, this)) {
            account = null; // not ours to release
            fail(StreamError.Condition.conflict, to + " is already connected");
        } else {
            state = State.AWAITING_HANDSHAKE;
        }
    }

    @Override
    public void element(Element element) {
        if (state == State.AWAITING_HANDSHAKE) {
            handshake(element);
        } else if (state == State.CONNECTED) {
            stanza(element);
        }
    }

    @Override
    public void streamClosed() {
        if (state != State.ENDED) {
            NettyXml.endStream(channel);
        }
    }

    private void handshake(Element element) {
        if (!"handshake".equals(element.getName()) || !element.getNamespaceURI().isEmpty()) {
            fail(StreamError.Condition.not_authorized, "send <handshake/> first");
        } else if (!account.verifies(streamId, element.getText())) {
            LOG.warn("External component {} from {}: wrong handshake", account.domain(), channel.remoteAddress());
            fail(StreamError.Condition.not_authorized, "wrong handshake");
        } else {
            write(DocumentHelper.createElement("handshake"));
            state = State.CONNECTED;
            registration = components.mount(account, this);
            LOG.info("External component {} connected from {}", account.domain(), channel.remoteAddress());
        }
    }

    private void stanza(Element element) {
        Packet packet;
        switch (element.getNamespaceURI().isEmpty() ? element.getName() : "") {
            case "message" -> packet = new Message(element, true);
            case "presence" -> packet = new Presence(element, true);
            case "iq" -> packet = new IQ(element, true);
            default -> {
                fail(StreamError.Condition.unsupported_stanza_type, element.getQualifiedName() + " is not a stanza");
                return;
            }
        }
        String from = element.attributeValue("from");
        if (from == null || !account.domain().equals(domainOf(from))) {
            fail(StreamError.Condition.invalid_from, "stanzas must come from " + account.domain() + " or its JIDs");
            return;
        }
        if (element.attributeValue("to") == null) {
            fail(StreamError.Condition.improper_addressing, "a component's stanza needs a 'to'");
            return;
        }
        if (packet instanceof IQ iq && !iq.isRequest()) {
            unanswered.remove(element.attributeValue("to") + " " + iq.getID());
        }
        components.router().route(packet);
    }

    private static String domainOf(String address) {
        try {
            return new JID(address).getDomain();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Ends the stream with this error (after the header, which must come first), then the
     * connection; completes when the connection is closed.
     */
    ChannelFuture fail(StreamError.Condition condition, String text) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> fail(condition, text));
            return channel.closeFuture();
        }
        if (state == State.ENDED) {
            return channel.closeFuture();
        }
        if (!headerSent) {
            sendHeader(components.router().domain());
        }
        StreamError error = text == null ? new StreamError(condition) : new StreamError(condition, text);
        Element element = DocumentHelper.createElement(QName.get("error", STREAMS));
        error.getElement().elements().forEach(child -> element.add(child.createCopy()));
        write(element);
        NettyXml.endStream(channel);
        ended();
        return channel.closeFuture();
    }

    private void ended() {
        if (state == State.ENDED) {
            return;
        }
        boolean wasConnected = state == State.CONNECTED;
        state = State.ENDED;
        parser.stop();
        if (registration != null) {
            registration.unregister(); // unmounted: from now on stanzas to it get service-unavailable
        }
        if (account != null) {
            components.release(account, this);
        }
        unanswered.values().forEach(request -> {
            components.router().route(new StanzaErrorException(PacketError.Condition.service_unavailable).replyTo(request));
        });
        unanswered.clear();
        if (wasConnected) {
            LOG.info("External component {} disconnected", account.domain());
        }
    }

    private void sendHeader(String from) {
        headerSent = true;
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        streamId = HexFormat.of().formatHex(id);
        NettyXml.write(channel, utf8("<?xml version='1.0'?><stream:stream xmlns='" + XmlStreamParser.JABBER_COMPONENT
                + "' xmlns:stream='" + XmlStreamParser.STREAMS_NS + "' from='" + from + "' id='" + streamId + "'>"));
    }

    private void write(Element element) {
        NettyXml.write(channel, NettyXml.render(channel.alloc(), element));
    }

    private ByteBuf utf8(String text) {
        return ByteBufUtil.writeUtf8(channel.alloc(), text);
    }

    // ---- Component: what the router hands the mounted component ---------------------------------------

    @Override
    public void processPacket(Packet packet) {
        if (state != State.CONNECTED) {
            return;
        }
        if (packet instanceof IQ iq && iq.isRequest()) {
            unanswered.put(iq.getFrom() + " " + iq.getID(), iq.createCopy());
        }
        write(packet.getElement());
    }

    @Override
    public String getName() {
        return "External component " + (account == null ? "" : account.subdomain());
    }

    @Override
    public String getDescription() {
        return "Connected over XEP-0114 from " + channel.remoteAddress();
    }

    @Override
    public void initialize(JID jid, ComponentManager componentManager) {
        // it sends through the router directly, with the from it was given
    }

    @Override
    public void start() {
    }

    @Override
    public void shutdown() {
        // unmounted: when the core restarts it mounts the registered connection again
    }
}
