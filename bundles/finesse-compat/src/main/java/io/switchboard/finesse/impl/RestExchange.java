package io.switchboard.finesse.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.logins.LoginCheck;
import io.switchboard.api.logins.LoginGuard;
import io.switchboard.api.auth.AuthStoreUnavailableException;

/** One request to a Finesse REST resource: who asks (HTTP Basic), and the answers as Finesse writes them. */
final class RestExchange {

    /** Thrown to answer with an HTTP error and a Finesse {@code <ApiErrors>} document. */
    static final class ApiError extends Exception {
        final int status;
        final String type;
        /** For 429: whole seconds for {@code Retry-After}; 0 otherwise. */
        final long retryAfterSeconds;
        /** How long to hold the answer back: a failed login of an account under attack waits like a good one. */
        final Duration delay;

        ApiError(int status, String type, String message) {
            this(status, type, message, 0, Duration.ZERO);
        }

        private ApiError(int status, String type, String message, long retryAfterSeconds, Duration delay) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.retryAfterSeconds = retryAfterSeconds;
            this.delay = delay;
        }

        static ApiError banned(LoginCheck check) {
            return new ApiError(429, "Too Many Requests", "too many failed logins from your address; try again in "
                    + check.retryAfterSeconds() + " seconds", check.retryAfterSeconds(), Duration.ZERO);
        }

        ApiError after(Duration wait) {
            return new ApiError(status, type, getMessage(), retryAfterSeconds, wait);
        }
    }

    /** Who logged in, and how long the answer must wait (zero unless the account is under attack). */
    record Login(String user, Duration delay) {
    }

    private RestExchange() {
    }

    /**
     * The user id the request authenticates as with HTTP Basic ({@code agent1} or
     * {@code agent1@domain}), checked by the authentication provider, with the login guard's say:
     * a banned address gets 429, and a login of an account under attack is answered late.
     */
    static Login authenticate(Request request, AuthProvider provider, LoginGuard guard) throws ApiError {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ApiError(401, "Unauthorized", "HTTP Basic authentication is required");
        }
        String address = Request.getRemoteAddr(request);
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiError(401, "Unauthorized", "the Authorization header is not Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ApiError(401, "Unauthorized", "the Authorization header has no password");
        }
        String user = decoded.substring(0, colon);
        user = user.contains("@") ? user.substring(0, user.indexOf('@')) : user;
        if (provider == null) {
            throw new ApiError(503, "Service Unavailable", "no authentication provider is running");
        }
        LoginCheck check = guard.check(address, user.isEmpty() ? null : user);
        if (check.isRefused()) {
            throw ApiError.banned(check);
        }
        try {
            if (user.isEmpty() || !provider.authenticate(user, decoded.substring(colon + 1))) {
                guard.failed(address, !user.isEmpty() && provider.exists(user) ? user : null);
                throw new ApiError(401, "Unauthorized", "wrong user name or password").after(check.delay());
            }
            guard.succeeded(address, user);
        } catch (AuthStoreUnavailableException e) {
            throw new ApiError(503, "Service Unavailable", "the users store cannot be reached: " + e.getMessage());
        }
        return new Login(user, check.delay());
    }

    static void xml(Response response, Callback callback, int status, Element document) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml; charset=UTF-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(document.asXML().getBytes(StandardCharsets.UTF_8)), callback);
    }

    static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, null, callback);
    }

    /**
     * The error as Finesse writes it. A 401 asks for Basic credentials, except from scripts
     * ({@code X-Requested-With}), where the browser would otherwise prompt over the page's own form.
     */
    static void error(Request request, Response response, Callback callback, ApiError error) {
        if (error.retryAfterSeconds > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, error.retryAfterSeconds);
        }
        if (error.status == 401 && request.getHeaders().get("X-Requested-With") == null) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"Finesse\", charset=\"UTF-8\"");
        }
        Element errors = DocumentHelper.createElement("ApiErrors");
        Element apiError = errors.addElement("ApiError");
        apiError.addElement("ErrorType").setText(error.type);
        apiError.addElement("ErrorMessage").setText(error.getMessage());
        apiError.addElement("ErrorData");
        xml(response, callback, error.status, errors);
    }

    /** The id after the resource's path: {@code /finesse/api/User/agent1} gives {@code agent1}. */
    static String id(Request request) throws ApiError {
        String path = Request.getPathInContext(request);
        String id = path.startsWith("/") ? path.substring(1) : path;
        if (id.isEmpty() || id.contains("/")) {
            throw new ApiError(404, "Not Found", "no such resource: " + request.getHttpURI().getPath());
        }
        return id;
    }
}
