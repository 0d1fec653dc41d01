package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import io.loramanager.library.examples.ExampleImagesRunner;
import io.loramanager.library.examples.RunInProgress;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Starts, steers and reports the example-image run (anchor-api §3.6 rows 1–5 and 7). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ExampleImagesRunResource {

  private static final List<ModelType> ALL_TYPES =
      List.of(ModelType.LORA, ModelType.CHECKPOINT, ModelType.EMBEDDING);

  @Inject ExampleImagesRunner runner;

  @POST
  @Path("download-example-images")
  public Response start(JsonNode body) {
    JsonNode options = body == null || body.isNull() ? objectOrEmpty(null) : objectOrEmpty(body);
    try {
      ExampleImagesRunner.Started started =
          runner.start(
              new ExampleImagesRunner.Options(
                  flag(options, "auto_mode", false),
                  flag(options, "optimize", true),
                  types(options, List.of()),
                  delay(options),
                  flag(options, "force", false),
                  hashes(options)));
      return Response.ok(
              started.status() == null
                  ? Responses.success("message", started.message())
                  : Responses.success("message", started.message(), "status", started.status()))
          .build();
    } catch (RunInProgress e) {
      Map<String, Object> error = new java.util.LinkedHashMap<>();
      error.put("success", false);
      error.put("error", e.getMessage());
      error.put("status", e.status());
      return Response.status(400).entity(error).build();
    }
  }

  @GET
  @Path("example-images-status")
  public Map<String, Object> status() {
    return Responses.success("is_downloading", runner.isRunning(), "status", runner.status());
  }

  @POST
  @Path("pause-example-images")
  public Map<String, Object> pause() {
    runner.pause();
    return Responses.success("message", "Download paused");
  }

  @POST
  @Path("resume-example-images")
  public Map<String, Object> resume() {
    runner.resume();
    return Responses.success("message", "Download resumed");
  }

  @POST
  @Path("stop-example-images")
  public Map<String, Object> stop() {
    runner.stop();
    return Responses.success("message", "Download stopping");
  }

  @POST
  @Path("check-example-images-needed")
  public Map<String, Object> needed(JsonNode body) {
    return runner.needed(types(objectOrEmpty(body), ALL_TYPES));
  }

  private static JsonNode objectOrEmpty(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    if (!body.isObject()) {
      throw LmException.badInput("Request body must be a JSON object");
    }
    return body;
  }

  private static boolean flag(JsonNode body, String field, boolean fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw LmException.badInput(field + " must be true or false");
    }
    return value.asBoolean();
  }

  private static double delay(JsonNode body) {
    JsonNode value = body.get("delay");
    if (value == null || value.isNull()) {
      return 0.2;
    }
    if (!value.isNumber() || value.asDouble() < 0) {
      throw LmException.badInput("delay must be a number of seconds, 0 or more");
    }
    return value.asDouble();
  }

  private static List<ModelType> types(JsonNode body, List<ModelType> fallback) {
    JsonNode value = body.get("model_types");
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isArray()) {
      throw LmException.badInput("model_types must be a list");
    }
    List<ModelType> types = new ArrayList<>();
    for (JsonNode item : value) {
      String id = item.asText("").toLowerCase(Locale.ROOT);
      types.add(
          ALL_TYPES.stream()
              .filter(t -> t.id().equals(id))
              .findFirst()
              .orElseThrow(() -> LmException.badInput("Unknown model type: " + item.asText())));
    }
    return types;
  }

  private static List<String> hashes(JsonNode body) {
    JsonNode value = body.get("model_hashes");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw LmException.badInput("model_hashes must be a list");
    }
    List<String> hashes = new ArrayList<>();
    value.forEach(item -> hashes.add(item.asText()));
    return hashes;
  }
}
