package io.symbolon.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.server.Json;
import io.symbolon.server.http.Route;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** openapi.json and the registered routes describe the same API, in both directions. */
class OpenApiDescriptionTest {
    private static JsonNode description() throws Exception {
        try (InputStream in = ClientApi.class.getResourceAsStream("openapi.json")) {
            assertThat(in).as("openapi.json on the class path").isNotNull();
            return Json.mapper().readTree(in);
        }
    }

    private static Set<String> registered() {
        Set<String> routes = new HashSet<>();
        for (Route route : new ClientApi(null, null, null).routes()) {
            routes.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        for (Route route : new BackupApi(null, null).routes()) {
            routes.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        for (Route route : new JointApi(null, null).routes()) {
            routes.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        for (Route route : new RefreshApi(null, null, null, null).routes()) {
            routes.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        for (Route route : new MetricsApi(null, null).routes()) {
            routes.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        return routes;
    }

    private static Set<String> described(JsonNode description) {
        Set<String> operations = new HashSet<>();
        Iterator<String> paths = description.path("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            description
                    .path("paths")
                    .path(path)
                    .fieldNames()
                    .forEachRemaining(method -> operations.add(method + " " + path));
        }
        return operations;
    }

    @Test
    void everyRegisteredRouteIsDescribedAndNothingElse() throws Exception {
        assertThat(described(description())).containsExactlyInAnyOrderElementsOf(registered());
    }

    @Test
    void isOpenApi3WithBasicAuthentication() throws Exception {
        JsonNode description = description();
        assertThat(description.path("openapi").asText()).startsWith("3.");
        assertThat(description.at("/components/securitySchemes/basic/scheme").asText())
                .isEqualTo("basic");
    }
}
