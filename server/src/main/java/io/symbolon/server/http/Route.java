package io.symbolon.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of a listener: method, path (Javalin syntax, {@code {param}}) and handler. Listeners keep
 * their routes as a list so tests can compare it with the published description.
 *
 * @param method GET, POST, DELETE…
 * @param path e.g. {@code /api/v1/partitions/{partition}/objects}
 * @param handler what answers
 */
public record Route(HandlerType method, String path, Handler handler) {
    public static Route get(String path, Handler handler) {
        return new Route(HandlerType.GET, path, handler);
    }

    public static Route post(String path, Handler handler) {
        return new Route(HandlerType.POST, path, handler);
    }

    public static Route delete(String path, Handler handler) {
        return new Route(HandlerType.DELETE, path, handler);
    }
}
