package io.switchboard.transport.tcp.impl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;
import io.switchboard.xmlstream.NettyXml;
import io.switchboard.xmlstream.XmlStreamParser;

/**
 * One client connection: bytes in are fed to an {@link XmlStreamParser} on the connection's event
 * loop, whose findings go to the pipeline's stream; elements out are written as UTF-8. STARTTLS puts
 * a TLS handler in front, and every new stream (after TLS, after SASL) gets a fresh parser.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter implements StreamTransport, XmlStreamParser.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);
    private static final String TLS_HANDLER = "tls";

    private final StreamPipeline pipeline;
    private final Set<TcpConnection> connections;
    private final TcpTransport.Settings settings;
    private Channel channel;
    private XmlStreamParser parser;
    private volatile XmppStream stream;

    TcpConnection(StreamPipeline pipeline, Set<TcpConnection> connections, TcpTransport.Settings settings) {
        this.pipeline = pipeline;
        this.connections = connections;
        this.settings = settings;
    }

    // ---- from the client ----------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        parser = settings.parser(this);
        stream = pipeline.open(this);
        connections.add(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            NettyXml.feed(parser, (ByteBuf) message);
        } catch (XmlStreamParser.Violation e) {
            parser.stop();
            stream.failed(e.condition, e.getMessage());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            parser.stop();
            stream.failed(StreamError.Condition.connection_timeout, "nothing received for too long");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connections.remove(this);
        parser.stop();
        stream.disconnected();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException) {
            // a reset connection or a failed TLS handshake: nothing to tell the client any more
            LOG.debug("Connection from {} failed", remoteAddress(), cause);
            ctx.close();
        } else {
            LOG.error("Unexpected failure on the connection from {}", remoteAddress(), cause);
            parser.stop();
            stream.failed(StreamError.Condition.internal_server_error, null);
        }
    }

    // ---- XmlStreamParser.Listener ----------------------------------------------------------------

    @Override
    public void streamOpened(String to, String version, String lang) {
        stream.opened(to, version, lang);
    }

    @Override
    public void element(Element element) {
        stream.received(element);
    }

    @Override
    public void streamClosed() {
        stream.closed();
    }

    // ---- to the client: StreamTransport ---------------------------------------------------------

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public boolean isSecure() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        return tls != null && tls.handshakeFuture().isSuccess();
    }

    @Override
    public String remoteHost() {
        return channel.remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : remoteAddress();
    }

    @Override
    public void pauseReading(Duration pause) {
        onEventLoop(() -> {
            if (channel.config().isAutoRead()) {
                channel.config().setAutoRead(false);
                channel.eventLoop().schedule(() -> channel.config().setAutoRead(true), pause.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    @Override
    public boolean isLoopback() {
        return channel.remoteAddress() instanceof InetSocketAddress address
                && address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    @Override
    public String remoteAddress() {
        return channel == null ? "?" : String.valueOf(channel.remoteAddress());
    }

    @Override
    public void openStream(String from, String streamId, String version, String lang) {
        write("<?xml version='1.0'?><stream:stream xmlns='" + XmlStreamParser.JABBER_CLIENT
                + "' xmlns:stream='" + XmlStreamParser.STREAMS_NS + "' from='" + attribute(from) + "' id='" + attribute(streamId)
                + "' version='" + attribute(version) + "' xml:lang='" + attribute(lang) + "'>");
    }

    @Override
    public void send(Element element) {
        NettyXml.write(channel, NettyXml.render(channel.alloc(), element));
    }

    @Override
    public void closeStream() {
        NettyXml.endStream(channel);
    }

    @Override
    public boolean canStartTls() {
        return channel.pipeline().get(SslHandler.class) == null;
    }

    @Override
    public boolean requiresStartTls() {
        return settings.requireStartTls();
    }

    @Override
    public void startTls() {
        onEventLoop(parser::stop); // anything the client sent after <starttls/> is void
        channel.eventLoop().execute(() -> {
            // a task after the one writing <proceed/>: that goes out in plain text, what follows is TLS
            channel.pipeline().addFirst(TLS_HANDLER, settings.tlsHandler());
            parser = settings.parser(this);
        });
    }

    @Override
    public void restartStream() {
        onEventLoop(this::newParser);
    }

    private void newParser() {
        parser.stop(); // anything the client sent after the element that restarts the stream is void
        parser = settings.parser(this);
    }

    private void onEventLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    private void write(String text) {
        NettyXml.write(channel, ByteBufUtil.writeUtf8(channel.alloc(), text));
    }

    private static String attribute(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }

    /** The server is stopping: end the stream with {@code system-shutdown}; completes when the connection is closed. */
    ChannelFuture shutdown() {
        XmppStream current = stream;
        if (current != null) {
            current.failed(StreamError.Condition.system_shutdown, null);
        }
        return channel.closeFuture();
    }
}
