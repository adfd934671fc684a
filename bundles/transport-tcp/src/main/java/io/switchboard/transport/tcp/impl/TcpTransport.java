package io.switchboard.transport.tcp.impl;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.aalto.AsyncXMLInputFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.xmlstream.NettyXml;
import io.switchboard.xmlstream.XmlStreamParser;

/**
 * Listens for XMPP clients over TCP: on {@code port} in plain text with STARTTLS, on
 * {@code directTlsPort} with TLS from the first byte. A few event-loop threads serve every
 * connection. Reconfiguring restarts the listeners; stopping the bundle ends only this transport's
 * connections, each with {@code system-shutdown}.
 */
@Component(service = TcpTransport.class, immediate = true, configurationPid = "io.switchboard.transport.tcp")
@Designate(ocd = TcpConfiguration.class)
public class TcpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    /** What every connection of this transport shares. */
    record Settings(AsyncXMLInputFactory xml, XmlStreamParser.Limits limits, SSLContext certificate, boolean requireStartTls) {

        XmlStreamParser parser(XmlStreamParser.Listener listener) {
            return new XmlStreamParser(xml, XmlStreamParser.JABBER_CLIENT, listener, limits);
        }

        SslHandler tlsHandler() {
            return NettyXml.tlsHandler(certificate);
        }
    }

    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("switchboard-tcp", true),
            NioIoHandler.newFactory());

    @Activate
    public TcpTransport(@Reference StreamPipeline pipeline, @Reference SSLContext certificate, TcpConfiguration config)
            throws InterruptedException {
        Settings settings = new Settings(XmlStreamParser.newFactory(),
                new XmlStreamParser.Limits(config.maxStanzaSize(), config.maxElementDepth(), config.maxAttributes()),
                certificate, config.requireStartTls());
        try {
            if (config.port() >= 0) {
                listen(config.host(), config.port(), false, settings, pipeline, config.idleTimeoutSeconds());
            }
            if (config.directTlsPort() >= 0) {
                listen(config.host(), config.directTlsPort(), true, settings, pipeline, config.idleTimeoutSeconds());
            }
        } catch (InterruptedException | RuntimeException e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    private void listen(String host, int port, boolean directTls, Settings settings, StreamPipeline pipeline, int idleSeconds)
            throws InterruptedException {
        int bound = NettyXml.listen(loops, host, port, directTls ? settings.certificate() : null, idleSeconds,
                () -> new TcpConnection(pipeline, connections, settings));
        LOG.info("XMPP over TCP on {}:{} ({})", host, bound, directTls ? "direct TLS" : "STARTTLS");
    }

    @Deactivate
    void deactivate() {
        // the stream errors go out before the event loops stop: a stopping loop closes its channels first
        connections.stream().map(TcpConnection::shutdown).toList()
                .forEach(closed -> closed.awaitUninterruptibly(2, TimeUnit.SECONDS));
        loops.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
