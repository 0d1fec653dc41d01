package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.civitai.CivitaiRelinker;
import io.loramanager.civitai.MetadataFetcher;
import io.loramanager.civitai.VersionCatalog;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Civitai metadata of one model and Civitai lookups (anchor-api §3.3 rows 1, 4, 5 and 6). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class CivitaiResource {

  @Inject MetadataFetcher fetcher;
  @Inject VersionCatalog versions;
  @Inject CivitaiRelinker relinker;

  @POST
  @Path("{type}/fetch-civitai")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> fetch(@PathParam("type") String type, JsonNode body) {
    ModelType modelType = ModelType.fromPrefix(type);
    String filePath = RequestBody.of(body).text("file_path");
    return Responses.success(
        "metadata", ModelItems.of(modelType, fetcher.fetch(modelType, filePath)));
  }

  @POST
  @Path("{type}/relink-civitai")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> relink(@PathParam("type") String type, JsonNode body) {
    ModelType modelType = ModelType.fromPrefix(type);
    RequestBody.of(body);
    JsonNode filePath = body.get("file_path");
    JsonNode modelId = body.get("model_id");
    if (filePath == null
        || !filePath.isTextual()
        || filePath.asText().isBlank()
        || absent(modelId)) {
      throw LmException.badInput("Both file_path and model_id are required");
    }
    JsonNode versionId = body.get("model_version_id");
    CivitaiRelinker.Relinked result =
        relinker.relink(
            modelType,
            filePath.asText(),
            id(modelId.asText(), "model_id"),
            absent(versionId) ? null : id(versionId.asText(), "model_version_id"));
    return Responses.success("message", result.message(), "hash", result.entry().sha256());
  }

  private static boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.asText().isBlank();
  }

  @GET
  @Path("{type}/civitai/versions/{model_id}")
  public ArrayNode versions(@PathParam("type") String type, @PathParam("model_id") String modelId) {
    return versions.versions(ModelType.fromPrefix(type), id(modelId, "model_id"));
  }

  @GET
  @Path("{type}/civitai/model/version/{id}")
  public ObjectNode version(@PathParam("type") String type, @PathParam("id") String versionId) {
    ModelType.fromPrefix(type);
    return versions.version(id(versionId, "modelVersionId"));
  }

  @GET
  @Path("{type}/civitai/model/hash/{hash}")
  public ObjectNode byHash(@PathParam("type") String type, @PathParam("hash") String hash) {
    ModelType.fromPrefix(type);
    return versions.byHash(hash);
  }

  static long id(String text, String name) {
    try {
      long id = Long.parseLong(text.trim());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Answered below with the parameter's name.
    }
    throw LmException.badInput(name + " must be a positive integer, got '" + text + "'");
  }
}
