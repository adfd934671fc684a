package io.switchboard.board.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;

import io.switchboard.http.HttpMount;

/**
 * The live board: the static files under {@code board/} in this bundle, served at the root of the
 * HTTP listeners. Jetty hands a request to the mount with the longest matching path, and among
 * mounts at the root (the WebSocket transport is one, at {@code /ws/}) to each in turn until one
 * takes it: so this one takes only GET and HEAD of its own files, and never shadows another.
 */
@Component(service = HttpMount.class)
public class BoardPages implements HttpMount {

    static final String FOLDER = "board";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");

    /** The bundle entry for a request path, or null when there is none to serve. */
    static URL resource(String path) {
        String file = path.isEmpty() || path.equals("/") ? "/index.html" : path;
        if (!file.startsWith("/") || file.contains("..") || file.contains("//") || file.endsWith("/")) {
            return null;
        }
        return BoardPages.class.getClassLoader().getResource(FOLDER + file);
    }

    static String type(String path) {
        String file = path.isEmpty() || path.equals("/") ? "index.html" : path;
        return TYPES.getOrDefault(file.substring(file.lastIndexOf('.') + 1), "application/octet-stream");
    }

    @Override
    public ContextHandler handler(Server server) {
        ContextHandler context = new ContextHandler("/");
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                boolean head = HttpMethod.HEAD.is(request.getMethod());
                URL resource = resource(Request.getPathInContext(request));
                if (!HttpMethod.GET.is(request.getMethod()) && !head || resource == null) {
                    return false; // another mount's, or Jetty's 404
                }
                String path = Request.getPathInContext(request);
                byte[] content;
                try (InputStream in = resource.openStream()) {
                    content = in.readAllBytes();
                }
                response.setStatus(HttpStatus.OK_200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, type(path));
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                response.getHeaders().put("X-Content-Type-Options", "nosniff");
                // only its own scripts, talking only to this server; never framed by another page
                response.getHeaders().put("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
                response.write(true, head ? null : ByteBuffer.wrap(content), callback);
                return true;
            }
        });
        return context;
    }

    @Override
    public String toString() {
        return "Live board at /";
    }
}
