package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.DownloadedVersions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.Map;

/**
 * The downloaded-version flags the browser extension reads and sets (anchor-api §3.8 rows 3–5):
 * whether a Civitai version was ever downloaded, and marking it so (or not) by hand.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class DownloadStatusResource {

  @Inject DownloadedVersions history;

  @GET
  @Path("model-version-download-status")
  public Map<String, Object> status(@Context UriInfo uri) {
    String type = type(uri.getQueryParameters().getFirst("modelType"));
    String versionText = uri.getQueryParameters().getFirst("modelVersionId");
    if (versionText == null || versionText.isEmpty()) {
      throw LmException.badInput("Missing required parameter: modelVersionId");
    }
    long versionId = versionId(JsonNodeFactory.instance.textNode(versionText));
    return reply(type, versionId, history.hasBeenDownloaded(type, versionId));
  }

  @POST
  @Path("model-version-download-status")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> set(JsonNode body) {
    return set(body != null && body.isObject() ? (ObjectNode) body : empty());
  }

  @GET
  @Path("set-model-version-download-status")
  public Map<String, Object> setByQuery(@Context UriInfo uri) {
    ObjectNode params = empty();
    uri.getQueryParameters().forEach((key, values) -> params.put(key, values.get(0)));
    return set(params);
  }

  private Map<String, Object> set(ObjectNode params) {
    String type = type(params.path("modelType").asText(null));
    long versionId = versionId(params.get("modelVersionId"));
    boolean downloaded = downloaded(params.get("downloaded"));
    if (downloaded) {
      history.markDownloaded(
          type,
          versionId,
          new DownloadedVersions.Mark(
              optionalLong(params.get("modelId")),
              DownloadedVersions.Source.MANUAL,
              params.path("filePath").isTextual() ? params.get("filePath").asText() : null,
              null,
              null));
    } else {
      history.markDeleted(type, versionId);
    }
    return reply(type, versionId, downloaded);
  }

  private static ObjectNode empty() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static Map<String, Object> reply(String type, long versionId, boolean downloaded) {
    return Responses.success(
        "modelType", type, "modelVersionId", versionId, "hasBeenDownloaded", downloaded);
  }

  private static String type(String text) {
    return DownloadedVersions.normaliseType(text)
        .orElseThrow(() -> LmException.badInput("Parameter modelType is required"));
  }

  private static long versionId(JsonNode value) {
    if (value != null && value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value == null ? "" : value.asText().trim());
    } catch (NumberFormatException e) {
      throw LmException.badInput("Parameter modelVersionId must be an integer");
    }
  }

  /** A JSON boolean, or the text true/1/false/0. */
  private static boolean downloaded(JsonNode value) {
    if (value != null && value.isBoolean()) {
      return value.asBoolean();
    }
    if (value != null && value.isTextual()) {
      switch (value.asText().trim().toLowerCase(Locale.ROOT)) {
        case "true", "1":
          return true;
        case "false", "0":
          return false;
        default:
          break;
      }
    }
    throw LmException.badInput("Parameter downloaded must be a boolean");
  }

  private static Long optionalLong(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
