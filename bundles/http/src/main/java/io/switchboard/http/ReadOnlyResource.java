package io.switchboard.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A resource that is only read: GET (and HEAD) answer a text made at each request, never cached;
 * any other method is 405 with {@code Allow: GET, HEAD}. For /metrics, /health, SystemInfo and the like.
 */
public final class ReadOnlyResource {

    /** What a GET answers. */
    public record Answer(int status, String contentType, String body) {
    }

    private ReadOnlyResource() {
    }

    /** The handler to mount at {@code path}, the resource itself (no folder to redirect to). */
    public static ContextHandler at(String path, Supplier<Answer> answer) {
        ContextHandler context = new ContextHandler(path);
        context.setAllowNullPathInContext(true);
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                    return true;
                }
                Answer made = answer.get();
                response.setStatus(made.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, made.contentType());
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(made.body().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        return context;
    }
}
