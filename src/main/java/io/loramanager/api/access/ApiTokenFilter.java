package io.loramanager.api.access;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Lets a request through only with the API token, when one is configured: {@code Authorization:
 * Bearer <token>}, or for WebSockets (browsers cannot set headers on them) a {@code token} query
 * parameter. Everything but {@code /q/health} is guarded, so a path nobody thought of is closed
 * too. Runs on the router before any resource or WebSocket upgrade and before bodies are read.
 */
@ApplicationScoped
public class ApiTokenFilter {

  /** After CORS (so that a 401 carries the CORS headers), before the body limits. */
  static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;

  static final String MISSING =
      "API token required: send 'Authorization: Bearer <token>' (WebSockets may use ?token=)";
  static final String WRONG = "Invalid API token";
  static final String UNPROTECTED =
      "This server is reachable from the network but has no API token configured (LM_API_TOKEN)";

  private final NetworkAccess access;
  private final RouteErrors errors;

  @Inject
  public ApiTokenFilter(NetworkAccess access, RouteErrors errors) {
    this.access = access;
    this.errors = errors;
  }

  void register(@Observes Router router) {
    if (access.token().isPresent() || access.unprotected()) {
      router.route().order(ORDER).handler(this::check);
    }
  }

  void check(RoutingContext context) {
    String path = context.normalizedPath();
    if (isOpen(path)) {
      context.next();
      return;
    }
    Optional<ApiToken> token = access.token();
    if (token.isEmpty()) {
      errors.send(context, 503, UNPROTECTED);
      return;
    }
    Optional<String> presented = presented(context, path);
    if (presented.isPresent() && token.get().matches(presented.get())) {
      context.next();
      return;
    }
    context.response().putHeader("WWW-Authenticate", "Bearer");
    errors.send(context, 401, presented.isPresent() ? WRONG : MISSING);
  }

  /** Health probes stay open: orchestrators call them without credentials. */
  static boolean isOpen(String path) {
    return path.equals("/q/health") || path.startsWith("/q/health/");
  }

  static boolean isWebSocket(String path) {
    return path.equals("/ws") || path.startsWith("/ws/");
  }

  private static Optional<String> presented(RoutingContext context, String path) {
    Optional<String> bearer =
        ApiToken.bearer(context.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (bearer.isPresent() || !isWebSocket(path)) {
      return bearer;
    }
    // Only WebSockets take the token from the URL: URLs end up in histories and proxy logs.
    String query = context.request().getParam("token");
    return query == null || query.isEmpty() ? Optional.empty() : Optional.of(query);
  }
}
