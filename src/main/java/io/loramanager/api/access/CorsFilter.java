package io.loramanager.api.access;

import io.loramanager.settings.LmConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * CORS for the origins of {@code lm.cors.origins}, off when none are listed. An allowed origin gets
 * {@code Access-Control-Allow-Origin} on every answer (errors included) and its preflights are
 * answered here; any other origin gets no CORS headers, so browsers keep its pages out. No cookies
 * are used, so credentials are never allowed.
 */
@ApplicationScoped
public class CorsFilter {

  /** First of our filters: a preflight carries no token and must be answered before the check. */
  static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3;

  static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
  static final String ALLOWED_HEADERS = "Authorization, Content-Type";
  static final String MAX_AGE_SECONDS = "600";

  private final CorsOrigins origins;

  @Inject
  public CorsFilter(LmConfig config) {
    this.origins = new CorsOrigins(config.cors().origins().orElse(List.of()));
  }

  void register(@Observes Router router) {
    if (origins.enabled()) {
      router.route().order(ORDER).handler(this::handle);
    }
  }

  void handle(RoutingContext context) {
    context.response().headers().add(HttpHeaders.VARY, "Origin");
    String origin = context.request().getHeader(HttpHeaders.ORIGIN);
    if (!origins.allows(origin)) {
      context.next();
      return;
    }
    context.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    String requestedMethod = context.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    if (context.request().method() != HttpMethod.OPTIONS || requestedMethod == null) {
      context.next();
      return;
    }
    context
        .response()
        .setStatusCode(204)
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS)
        .end();
  }
}
