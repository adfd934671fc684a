package io.switchboard.xmlstream;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.dom4j.Element;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.switchboard.api.routing.SharedPayload;

/** XML streams over Netty: bytes read into a parser, elements written out as UTF-8. */
public final class NettyXml {

    private NettyXml() {
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

    /** The element as UTF-8 XML, each {@link SharedPayload} in it as it was rendered once. */
    public static ByteBuf render(ByteBufAllocator allocator, Element element) {
        ByteBuf buffer = allocator.buffer(256);
        try (Writer out = new OutputStreamWriter(new ByteBufOutputStream(buffer), StandardCharsets.UTF_8)) {
            SharedPayload.write(element, out);
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return buffer;
    }
}
