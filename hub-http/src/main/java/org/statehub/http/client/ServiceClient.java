package org.statehub.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The one way the hub's services call another service, the gateway or a vendor: a wrapper of the JDK's HTTP client
 * (decision 0011) that gives every call a time-out, retries what is safe to retry, and carries the caller's token
 * from the one {@link TokenCache}.
 *
 * <ul>
 *   <li><b>Time-outs.</b> Connecting takes at most {@link Settings#connectTimeout()}; each answer (its headers)
 *       must come within {@link Settings#timeout()}, or the call's own {@link Call#timeout(Duration)}. A time-out
 *       is an {@link HttpTimeoutException} and is not retried, so a call never waits much longer than its
 *       time-out.
 *   <li><b>Retries.</b> A call that failed in transport (refused, reset, cut off; not a time-out, not an HTTP
 *       status) is sent again up to {@link Settings#retries()} times, {@link Settings#backoff()} apart and more
 *       each time, when it is safe: a GET, HEAD, PUT, DELETE or OPTIONS, or any call whose connection was refused
 *       (it never reached the other side). A POST that may have arrived is not repeated.
 *   <li><b>Tokens.</b> A call made as {@link Credentials} carries {@code Authorization: Bearer} with the client's
 *       token; when it is answered 401 the token is dropped and the call is sent once more with a new one.
 * </ul>
 *
 * Any failure to get an answer is an {@link IOException} (an interrupted call is an
 * {@link InterruptedIOException} with the thread's interrupt flag set again): the caller decides what an
 * unreachable dependency means (for an API request, a 503 with {@code Retry-After}). Every answer, whatever its
 * status, is returned for the caller to judge.
 */
public final class ServiceClient {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /**
     * @param connectTimeout how long connecting may take
     * @param timeout        how long an answer may take, unless the call says otherwise
     * @param retries        how many times a call that failed in transport is sent again (when safe)
     * @param backoff        the wait before the first retry; each further retry waits one more of it
     */
    public record Settings(Duration connectTimeout, Duration timeout, int retries, Duration backoff) {

        /** Connect and answer within {@code timeout}; two retries, 100 ms and 200 ms later. */
        public static Settings of(Duration timeout) {
            return new Settings(timeout, timeout, 2, Duration.ofMillis(100));
        }

        public Settings withRetries(int retries) {
            return new Settings(connectTimeout, timeout, retries, backoff);
        }

        public Settings withConnectTimeout(Duration connectTimeout) {
            return new Settings(connectTimeout, timeout, retries, backoff);
        }
    }

    /** An answer: its status, headers and body. */
    public record Reply(int status, HttpHeaders headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body's text cut to 500 characters, for messages and logs. */
        public String excerpt() {
            String text = text();
            return text.length() > 500 ? text.substring(0, 500) + "..." : text;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** One request: method, URL, headers, body, and optionally its own time-out and client. */
    public static final class Call {
        private final String method;
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private Duration timeout;
        private Credentials credentials;

        private Call(String method, URI uri) {
            this.method = method;
            this.uri = uri;
            headers.put("Accept", "application/json");
        }

        /** A call of any method; the URL must be absolute ({@link IllegalArgumentException} otherwise). */
        public static Call of(String method, String url) {
            return new Call(method, URI.create(url));
        }

        public static Call get(String url) {
            return of("GET", url);
        }

        public static Call post(String url, String json) {
            return of("POST", url).json(json);
        }

        /** A JSON body ({@code Content-Type: application/json}); null sends none. */
        public Call json(String json) {
            if (json != null) {
                headers.put("Content-Type", "application/json");
                body = json.getBytes(StandardCharsets.UTF_8);
            }
            return this;
        }

        public Call header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        public Call timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Calls as this client (its token from the cache), whatever client the {@link ServiceClient} calls as. */
        public Call as(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public String method() {
            return method;
        }

        public URI uri() {
            return uri;
        }

        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    private final HttpClient http;
    private final Settings settings;
    private final Credentials credentials;
    private final TokenCache tokens;

    /** Calls without a token, through the process's {@link TokenCache#shared() token cache} when a call names a client. */
    public ServiceClient(Settings settings) {
        this(settings, Credentials.NONE, TokenCache.shared());
    }

    /** Calls as {@code credentials} (their token from {@code tokens}). */
    public ServiceClient(Settings settings, Credentials credentials, TokenCache tokens) {
        this(
                HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .version(HttpClient.Version.HTTP_1_1)
                        .build(),
                settings,
                credentials,
                tokens);
    }

    private ServiceClient(HttpClient http, Settings settings, Credentials credentials, TokenCache tokens) {
        this.http = http;
        this.settings = settings;
        this.credentials = credentials == null ? Credentials.NONE : credentials;
        this.tokens = tokens;
    }

    /** The same connections and settings, calling as another client. */
    public ServiceClient as(Credentials credentials) {
        return new ServiceClient(http, settings, credentials, tokens);
    }

    public Settings settings() {
        return settings;
    }

    /** Sends the call and reads the whole answer. */
    public Reply send(Call call) throws IOException {
        HttpResponse<byte[]> response = authorized(call, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /** Sends the call and returns the answer with its body as a stream, for the caller to read and close. */
    public HttpResponse<InputStream> stream(Call call) throws IOException {
        return authorized(call, HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * Sends the call without waiting; the future completes with the answer, or exceptionally with the
     * {@link IOException} that {@link #send} would throw. Retries as {@link #send} does; the token, when the call
     * has one, is fetched before sending, and a 401 is returned as it is.
     */
    public CompletableFuture<Reply> sendAsync(Call call) {
        HttpRequest request;
        try {
            request = request(call, token(call));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sendAsync(request, retryable(call.method()), 0);
    }

    private CompletableFuture<Reply> sendAsync(HttpRequest request, boolean idempotent, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Reply(r.statusCode(), r.headers(), r.body()))
                .handle((reply, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof IOException io && retry(io, idempotent, attempt)) {
                        return CompletableFuture.supplyAsync(
                                        () -> null,
                                        CompletableFuture.delayedExecutor(
                                                pause(attempt).toMillis(), TimeUnit.MILLISECONDS))
                                .thenCompose(ignored -> sendAsync(request, idempotent, attempt + 1));
                    }
                    return CompletableFuture.<Reply>failedFuture(cause);
                })
                .thenCompose(future -> future);
    }

    private <T> HttpResponse<T> authorized(Call call, HttpResponse.BodyHandler<T> handler) throws IOException {
        Credentials client = client(call);
        HttpResponse<T> response = exchange(request(call, token(call)), handler, retryable(call.method()));
        if (response.statusCode() == 401 && client.present()) {
            // expired, revoked or signed with a key the other side no longer trusts: once more with a new token
            discard(response);
            tokens.invalidate(client);
            response = exchange(request(call, token(call)), handler, retryable(call.method()));
        }
        return response;
    }

    /** Sends with the retries of {@link Settings}; {@code idempotent}: safe to repeat after any transport failure. */
    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, boolean idempotent)
            throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return http.send(request, handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(request, e);
            } catch (IOException e) {
                if (!retry(e, idempotent, attempt)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(request, e);
            }
        }
    }

    private boolean retry(IOException failure, boolean idempotent, int attempt) {
        return attempt < settings.retries()
                && !(failure instanceof HttpTimeoutException)
                && !(failure instanceof InterruptedIOException)
                && (idempotent || refused(failure));
    }

    private static boolean refused(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private Duration pause(int attempt) {
        return settings.backoff().multipliedBy(attempt + 1L);
    }

    private Credentials client(Call call) {
        return call.credentials != null ? call.credentials : credentials;
    }

    private String token(Call call) throws IOException {
        Credentials client = client(call);
        return client.present() ? tokens.token(client, this) : null;
    }

    private HttpRequest request(Call call, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri)
                .timeout(call.timeout != null ? call.timeout : settings.timeout())
                .method(
                        call.method,
                        call.body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(call.body));
        call.headers.forEach(builder::header);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static boolean retryable(String method) {
        return IDEMPOTENT.contains(method);
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream stream) {
            try {
                stream.close();
            } catch (IOException e) {
                // the connection is dropped; nothing to keep
            }
        }
    }

    private static InterruptedIOException interrupted(HttpRequest request, InterruptedException cause) {
        InterruptedIOException e =
                new InterruptedIOException("Interrupted while calling " + request.method() + " " + request.uri());
        e.initCause(cause);
        return e;
    }
}
