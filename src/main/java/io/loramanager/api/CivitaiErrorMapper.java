package io.loramanager.api;

import io.loramanager.civitai.CivitaiFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Civitai failures with statuses a client can tell apart: 401 bad or missing key, 403, 404 unknown
 * on Civitai, 429 rate limited (with {@code Retry-After}), 503 offline, 502 anything else the API
 * got wrong.
 */
public class CivitaiErrorMapper {

  @ServerExceptionMapper
  public Response civitai(CivitaiFailure e) {
    Response.ResponseBuilder response =
        Response.status(status(e.reason()))
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ApiError.of(e.getMessage()));
    if (e.reason() == CivitaiFailure.Reason.RATE_LIMITED && e.retryAfterSeconds() > 0) {
      response.header("Retry-After", e.retryAfterSeconds());
    }
    return response.build();
  }

  static int status(CivitaiFailure.Reason reason) {
    return switch (reason) {
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case RATE_LIMITED -> 429;
      case OFFLINE -> 503;
      case SERVER, MALFORMED -> 502;
    };
  }
}
