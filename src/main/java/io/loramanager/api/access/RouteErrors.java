package io.loramanager.api.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.api.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Answers a request from a router filter with the API's JSON error body. */
@ApplicationScoped
public class RouteErrors {

  private final ObjectMapper mapper;

  @Inject
  public RouteErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Ends the request with {@code status} and {@code {"success":false,"error":message}}. */
  public void send(RoutingContext context, int status, String message) {
    String body;
    try {
      body = mapper.writeValueAsString(ApiError.of(message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An error body is always serialisable", e);
    }
    context
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body);
  }
}
