package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.DuplicateVerifier;
import io.loramanager.library.lifecycle.MetadataEditService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Metadata edits, tags and duplicate verification (anchor-api §3.2 rows 8, 9 and 12). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelEditResource {

  @Inject MetadataEditService edits;
  @Inject DuplicateVerifier verifier;

  @POST
  @Path("{type}/save-metadata")
  public Map<String, Object> saveMetadata(@PathParam("type") String type, JsonNode body) {
    return Responses.success(
        "auto_tags", edits.saveMetadata(ModelType.fromPrefix(type), object(body)));
  }

  @POST
  @Path("{type}/add-tags")
  public Map<String, Object> addTags(@PathParam("type") String type, JsonNode body) {
    MetadataEditService.TagsResult result = edits.addTags(ModelType.fromPrefix(type), object(body));
    return Responses.success("tags", result.tags(), "auto_tags", result.autoTags());
  }

  @POST
  @Path("{type}/verify-duplicates")
  public Map<String, Object> verifyDuplicates(@PathParam("type") String type, JsonNode body) {
    DuplicateVerifier.Verification result =
        verifier.verify(ModelType.fromPrefix(type), object(body).get("file_paths"));
    return Responses.success(
        "verified_as_duplicates",
        result.verifiedAsDuplicates(),
        "mismatched_files",
        result.mismatchedFiles(),
        "new_hash_map",
        result.newHashMap());
  }

  private static ObjectNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw LmException.badInput("Invalid JSON body: expected a JSON object");
    }
    return (ObjectNode) body;
  }
}
