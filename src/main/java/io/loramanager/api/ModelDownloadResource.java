package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.download.DownloadControls;
import io.loramanager.download.DownloadFrames;
import io.loramanager.download.DownloadManager;
import io.loramanager.download.DownloadOutcome;
import io.loramanager.download.DownloadSpec;
import io.loramanager.errors.LmException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Model downloads (anchor-api §3.4 rows 1–7). {@code download-model} answers when the download
 * ends, without holding a thread meanwhile; {@code wait=false} answers at once.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ModelDownloadResource {

  @Inject DownloadManager manager;
  @Inject DownloadControls controls;
  @Inject DownloadFrames frames;
  @Inject ObjectMapper mapper;

  @POST
  @Path("download-model")
  public CompletionStage<Response> download(JsonNode json, @QueryParam("wait") String wait) {
    JsonNode body = json == null ? mapper.createObjectNode() : json;
    Long modelId = id(body.get("model_id"), "model_id");
    Long versionId = id(body.get("model_version_id"), "model_version_id");
    if (modelId == null && versionId == null) {
      throw LmException.badInput(
          "Missing required parameter: Please provide either 'model_id' or 'model_version_id'");
    }
    JsonNode params = body.get("file_params");
    DownloadSpec spec =
        new DownloadSpec(
            modelId,
            versionId,
            text(body, "model_root"),
            text(body, "relative_path"),
            body.path("use_default_paths").asBoolean(false),
            body.path("use_save_dir_as_root").asBoolean(false),
            text(body, "download_id"),
            params != null && params.isObject() ? (ObjectNode) params : null,
            text(body, "source"));
    return answer(spec, wait);
  }

  @GET
  @Path("download-model-get")
  public CompletionStage<Response> downloadGet(
      @QueryParam("model_id") String modelId,
      @QueryParam("model_version_id") String versionId,
      @QueryParam("download_id") String downloadId,
      @QueryParam("source") String source,
      @QueryParam("file_params") String fileParams,
      @QueryParam("use_default_paths") String useDefaultPaths,
      @QueryParam("wait") String wait) {
    if (modelId == null || modelId.isBlank()) {
      return CompletableFuture.completedFuture(
          Response.status(400)
              .type(MediaType.TEXT_PLAIN)
              .entity("Missing required parameter: Please provide 'model_id'")
              .build());
    }
    DownloadSpec spec =
        new DownloadSpec(
            id(mapper.getNodeFactory().textNode(modelId), "model_id"),
            versionId == null || versionId.isBlank()
                ? null
                : id(mapper.getNodeFactory().textNode(versionId), "model_version_id"),
            null,
            "",
            "true".equals(useDefaultPaths),
            false,
            downloadId,
            fileParams(fileParams),
            source);
    return answer(spec, wait);
  }

  private CompletionStage<Response> answer(DownloadSpec spec, String wait) {
    DownloadManager.Started started = manager.start(spec);
    if ("false".equalsIgnoreCase(wait)) {
      return CompletableFuture.completedFuture(
          Response.ok(
                  Map.of("success", true, "download_id", started.downloadId(), "status", "queued"))
              .build());
    }
    return started.outcome().thenApply(ModelDownloadResource::response);
  }

  private static Response response(DownloadOutcome outcome) {
    return Response.status(outcome.httpStatus())
        .type(MediaType.APPLICATION_JSON)
        .entity(outcome.body())
        .build();
  }

  @GET
  @Path("cancel-download-get")
  public Response cancel(@QueryParam("download_id") String id) {
    return control(id, controls::cancel, false);
  }

  @GET
  @Path("skip-download")
  public Response skip(@QueryParam("download_id") String id) {
    return control(id, controls::skip, false);
  }

  @GET
  @Path("pause-download")
  public Response pause(@QueryParam("download_id") String id) {
    return control(id, controls::pause, true);
  }

  @GET
  @Path("resume-download")
  public Response resume(@QueryParam("download_id") String id) {
    return control(id, controls::resume, true);
  }

  @GET
  @Path("download-progress/{download_id}")
  public Map<String, Object> progress(@PathParam("download_id") String id) {
    ObjectNode last =
        frames.last(id).orElseThrow(() -> LmException.notFound("Download ID not found"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("progress", last.path("progress").asInt(0));
    body.put("bytes_downloaded", last.path("bytes_downloaded").asLong(0));
    body.put(
        "total_bytes",
        last.path("total_bytes").isNumber() ? last.get("total_bytes").asLong() : null);
    body.put("bytes_per_second", last.path("bytes_per_second").asDouble(0.0));
    if (last.has("eta_seconds")) {
      body.put("eta_seconds", last.get("eta_seconds").asLong());
    }
    String status = last.path("status").asText("progress");
    if (!"progress".equals(status)) {
      body.put("status", status);
    }
    if (last.hasNonNull("message")) {
      body.put("message", last.get("message").asText());
    }
    return body;
  }

  private static Response control(
      String id,
      java.util.function.Function<String, DownloadControls.ControlReply> action,
      boolean failureIs400) {
    if (id == null || id.isBlank()) {
      throw LmException.badInput("Download ID is required");
    }
    DownloadControls.ControlReply reply = action.apply(id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", reply.success());
    body.put(reply.success() ? "message" : "error", reply.text());
    return Response.status(!reply.success() && failureIs400 ? 400 : 200).entity(body).build();
  }

  private ObjectNode fileParams(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(text);
      return node.isObject() ? (ObjectNode) node : null;
    } catch (IOException e) {
      return null; // invalid JSON is ignored, as in the reference
    }
  }

  private static String text(JsonNode body, String key) {
    JsonNode value = body.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long id(JsonNode value, String name) {
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value.asText().trim());
    } catch (NumberFormatException e) {
      throw LmException.badInput("Invalid " + name + ": Must be an integer");
    }
  }
}
