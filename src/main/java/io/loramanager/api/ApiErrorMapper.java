package io.loramanager.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.loramanager.errors.LmException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure of an {@code /api} request to the JSON error body with a status that says what
 * happened: 400 bad input, 404 unknown, 409 conflict, 413 too large, 503 not ready; 500 only for
 * our bugs.
 */
public class ApiErrorMapper {

  private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class);

  @ServerExceptionMapper
  public Response lm(LmException e) {
    return json(status(e.kind()), e.getMessage());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    if (e.getCause() instanceof JsonProcessingException json) {
      return json(Response.Status.BAD_REQUEST, "Invalid JSON body: " + json.getOriginalMessage());
    }
    return json(status, status.getStatusCode() + ": " + status.getReasonPhrase());
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e) {
    return json(Response.Status.BAD_REQUEST, "Invalid JSON body: " + e.getOriginalMessage());
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected failure", e);
    return json(
        Response.Status.INTERNAL_SERVER_ERROR,
        "500: Internal Server Error (" + e.getClass().getSimpleName() + ")");
  }

  static Response.Status status(LmException.Kind kind) {
    return switch (kind) {
      case BAD_INPUT -> Response.Status.BAD_REQUEST;
      case NOT_FOUND -> Response.Status.NOT_FOUND;
      case CONFLICT -> Response.Status.CONFLICT;
      case NOT_READY, UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
      case TOO_LARGE -> Response.Status.REQUEST_ENTITY_TOO_LARGE;
      case UPSTREAM -> Response.Status.BAD_GATEWAY;
    };
  }

  private static Response json(Response.StatusType status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ApiError.of(message))
        .build();
  }
}
