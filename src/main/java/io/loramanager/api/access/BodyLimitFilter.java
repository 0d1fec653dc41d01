package io.loramanager.api.access;

import io.loramanager.settings.LmConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared {@code Content-Length} is over its limit with a JSON 413, before
 * the body is read: multipart bodies against {@code lm.limits.multipart-body}, every other body
 * against {@code lm.limits.json-body}, both capped by {@code quarkus.http.limits.max-body-size}. A
 * body sent without a length is bounded by that cap alone.
 */
@ApplicationScoped
public class BodyLimitFilter {

  /** Before Quarkus' own check of the hard cap (which answers a bare 413). */
  static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

  private final long jsonLimit;
  private final long multipartLimit;
  private final RouteErrors errors;

  @Inject
  public BodyLimitFilter(
      LmConfig config,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> hardCap,
      RouteErrors errors) {
    long cap = hardCap.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    this.jsonLimit = Math.min(config.limits().jsonBody().asLongValue(), cap);
    this.multipartLimit = Math.min(config.limits().multipartBody().asLongValue(), cap);
    this.errors = errors;
  }

  void register(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  void check(RoutingContext context) {
    long length = declaredLength(context);
    boolean multipart = isMultipart(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
    long limit = multipart ? multipartLimit : jsonLimit;
    if (length <= limit) {
      context.next();
      return;
    }
    if (context.request().version() != HttpVersion.HTTP_2) {
      // The client is still sending the body nobody will read: close once the answer is out.
      // (HTTP/2 ends just this stream; closing would cut the connection's other requests.)
      context.response().putHeader(HttpHeaders.CONNECTION, "close");
      context.response().endHandler(done -> context.request().connection().close());
    }
    errors.send(
        context,
        413,
        "Request body too large: "
            + length
            + " bytes (the limit for "
            + (multipart ? "multipart uploads" : "JSON and other non-multipart bodies")
            + " is "
            + limit
            + " bytes, "
            + (multipart ? "LM_LIMITS_MULTIPART_BODY" : "LM_LIMITS_JSON_BODY")
            + ")");
  }

  private static long declaredLength(RoutingContext context) {
    String value = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
