package io.symbolon.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.server.access.Accounts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTPS listener (Javalin on Jetty 12), TLS 1.3 only: the client API on EP, or the pair channel on
 * the Partner (with {@code needClientAuth}, where the pinned trust manager refuses any other peer during
 * the handshake). Errors become {@link ErrorBody} JSON with the status of their {@link ErrorCode}.
 *
 * <p>Stopping is graceful: new requests are answered 503 while those in flight finish (up to a grace
 * period), then the listener closes.
 */
public final class HttpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsServer.class);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Javalin javalin;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Notified when the last request in flight ends: what {@link #close} waits on. */
    private final Object idle = new Object();

    private volatile boolean draining;
    private final List<Runnable> onDrain = new CopyOnWriteArrayList<>();

    private HttpsServer(String name, Javalin javalin) {
        this.name = name;
        this.javalin = javalin;
    }

    /** Starts listening on {@code bind:port} (0 for any free port) with {@code routes}. */
    public static HttpsServer start(
            String name, String bind, int port, SSLContext ssl, boolean needClientAuth, List<Route> routes) {
        HttpsServer[] self = new HttpsServer[1];
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.http.maxRequestSize = 1024 * 1024;
            config.jetty.modifyServer(server -> server.setStopTimeout(GRACE.toMillis()));
            config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server tls = new SslContextFactory.Server();
                tls.setSslContext(ssl);
                tls.setIncludeProtocols("TLSv1.3");
                tls.setNeedClientAuth(needClientAuth);
                tls.setEndpointIdentificationAlgorithm(null);
                HttpConfiguration https = new HttpConfiguration(http);
                https.setSendServerVersion(false);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // Peers are pinned by certificate, not by name: any Host header is fine.
                secure.setSniHostCheck(false);
                secure.setSniRequired(false);
                https.addCustomizer(secure);
                ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(https));
                connector.setHost(bind);
                connector.setPort(port);
                return connector;
            });
            config.routes.before(ctx -> self[0].admit(ctx));
            config.routes.after(ctx -> self[0].release(ctx));
            for (Route route : routes) {
                config.routes.addHttpHandler(route.method(), route.path(), route.handler());
            }
            config.routes.exception(SymbolonException.class, (e, ctx) -> self[0].fail(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> self[0].fail(ctx, translate(e)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request failed listener={} method={} path={}", name, ctx.method(), ctx.path(), e);
                self[0].fail(ctx, new SymbolonException(ErrorCode.INTERNAL, "internal error; see the node's log"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    self[0].fail(
                            ctx,
                            new SymbolonException(
                                    ErrorCode.NOT_FOUND, "no such route: " + ctx.method() + " " + ctx.path()));
                }
            });
        });
        self[0] = new HttpsServer(name, javalin);
        javalin.start();
        LOG.info("listening listener={} address={} port={} clientAuth={}", name, bind, javalin.port(), needClientAuth);
        return self[0];
    }

    private void admit(Context ctx) {
        if (draining) {
            throw new SymbolonException(ErrorCode.PEER_UNAVAILABLE, "the node is shutting down; retry on its return");
        }
        inFlight.incrementAndGet();
        ctx.attribute("symbolon.admitted", Boolean.TRUE);
    }

    private void release(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute("symbolon.admitted"))) {
            ctx.attribute("symbolon.admitted", Boolean.FALSE);
            if (inFlight.decrementAndGet() == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    private void fail(Context ctx, SymbolonException e) {
        ErrorCode code = e.errorCode();
        if (e instanceof Accounts.ThrottledException throttled) {
            ctx.header(
                    "Retry-After",
                    Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
        }
        if (code == ErrorCode.UNAUTHENTICATED) {
            ctx.header("WWW-Authenticate", "Basic realm=\"symbolon\", charset=\"UTF-8\"");
        }
        if (code.httpStatus() >= 500) {
            LOG.info(
                    "request failed listener={} method={} path={} code={} message=\"{}\"",
                    name,
                    ctx.method(),
                    ctx.path(),
                    code.code(),
                    e.getMessage());
        }
        ctx.status(code.httpStatus());
        ctx.contentType("application/json");
        ctx.result(Json.write(ErrorBody.of(code, e.getMessage())));
        release(ctx);
    }

    private static SymbolonException translate(HttpResponseException e) {
        ErrorCode code = switch (e.getStatus()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.USAGE;
            case 413 -> ErrorCode.USAGE;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            default -> e.getStatus() < 500 ? ErrorCode.USAGE : ErrorCode.INTERNAL;
        };
        return new SymbolonException(code, e.getMessage() == null ? "request refused" : e.getMessage());
    }

    /** The port it listens on. */
    public int port() {
        return javalin.port();
    }

    /**
     * Runs {@code release} when stopping begins, before waiting for the requests in flight: how a handler
     * that holds its answer (a long poll) is told to answer now.
     */
    public void onDrain(Runnable release) {
        onDrain.add(release);
    }

    /** Refuses new requests, releases long polls, waits for those in flight (up to the grace period), then stops. */
    @Override
    public void close() {
        draining = true;
        for (Runnable release : onDrain) {
            release.run();
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        synchronized (idle) {
            for (long left = GRACE.toNanos(); inFlight.get() > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        javalin.stop();
        LOG.info("stopped listener={} unfinishedRequests={}", name, inFlight.get());
    }
}
