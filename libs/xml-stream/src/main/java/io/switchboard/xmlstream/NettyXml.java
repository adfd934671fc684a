package io.switchboard.xmlstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.dom4j.Element;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.api.routing.SharedPayload;

/** XML streams over Netty: listeners, bytes read into a parser, elements written out as UTF-8. */
public final class NettyXml {

    /*
     * Plain heap buffers: the parser reads their arrays without a copy, an idle connection holds
     * none, and Netty 4.2's pooled allocators record JFR events, whose generated handlers a
     * bundle's class loader cannot see.
     */
    private static final ByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);

    private NettyXml() {
    }

    /**
     * Listens on host:port; each connection gets TLS first when {@code tls} is given, an idle
     * timeout when {@code idleSeconds} is positive, then the handler made for it. Returns the
     * port bound (useful when 0 asked for a free one).
     */
    public static int listen(EventLoopGroup loops, String host, int port, SSLContext tls, int idleSeconds,
            Supplier<ChannelHandler> handlers) throws InterruptedException {
        Channel listener = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.ALLOCATOR, HEAP)
                .childOption(ChannelOption.ALLOCATOR, HEAP)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tlsHandler(tls));
                        }
                        if (idleSeconds > 0) {
                            channel.pipeline().addLast(new IdleStateHandler(idleSeconds, 0, 0));
                        }
                        // stanzas written from other threads (a fan-out) are flushed together once the
                        // event loop has run the writes queued so far: one system call for several
                        channel.pipeline().addLast(new FlushConsolidationHandler(
                                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                        channel.pipeline().addLast(handlers.get());
                    }
                })
                .bind(host, port).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Writes as a task of the channel's event loop, even when called on that loop: what a stream
     * writes goes out in the order it was handed over, from whichever thread. (Netty writes at once
     * when called on the loop, ahead of what other threads queued there just before: a stream error
     * raised while reading overtook a fan-out's stanzas, which then followed it.)
     */
    public static void write(Channel channel, ByteBuf bytes) {
        inOrder(channel, bytes, () -> channel.writeAndFlush(bytes, channel.voidPromise()));
    }

    /**
     * Writes {@code </stream:stream>} and closes, in order like {@link #write}: a peer that closes
     * right after a burst still gets the whole burst.
     */
    public static void endStream(Channel channel) {
        ByteBuf end = ByteBufUtil.writeUtf8(channel.alloc(), "</stream:stream>");
        inOrder(channel, end, () -> channel.writeAndFlush(end).addListener(ChannelFutureListener.CLOSE));
    }

    private static void inOrder(Channel channel, ByteBuf bytes, Runnable write) {
        try {
            channel.eventLoop().execute(write);
        } catch (RejectedExecutionException e) {
            bytes.release(); // the transport is stopping: its connections are being closed
        }
    }

    /** A server-side TLS handler with this certificate. */
    public static SslHandler tlsHandler(SSLContext tls) {
        SSLEngine engine = tls.createSSLEngine();
        engine.setUseClientMode(false);
        return new SslHandler(engine);
    }

    /** Feeds what was read to the parser (a heap buffer's array without a copy) and releases it. */
    public static void feed(XmlStreamParser parser, ByteBuf bytes) throws XmlStreamParser.Violation {
        try {
            if (bytes.hasArray()) {
                parser.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
            } else {
                byte[] copy = ByteBufUtil.getBytes(bytes);
                parser.feed(copy, 0, copy.length);
            }
        } finally {
            bytes.release();
        }
    }

    /** The element as UTF-8 XML, each {@link SharedPayload} in it copied as it was encoded once. */
    public static ByteBuf render(ByteBufAllocator allocator, Element element) {
        ByteBuf buffer = allocator.buffer(256);
        try (Writer out = new OutputStreamWriter(new ByteBufOutputStream(buffer), StandardCharsets.UTF_8)) {
            SharedPayload.write(element, out, shared -> {
                out.flush(); // what the writer holds goes first
                buffer.writeBytes(shared.utf8());
            });
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return buffer;
    }
}
