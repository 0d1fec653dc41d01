package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.recipe.analysis.RecipeAnalysisService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Recipe import analysis (anchor-api §3.5 rows 16 and 17): what an image says about itself. */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class RecipeAnalysisResource {

  @Inject RecipeAnalysisService analysis;

  /** An uploaded image: the first file of the form (the reference names it {@code image}). */
  @POST
  @Path("recipes/analyze-image")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public ObjectNode analyzeUpload(@RestForm(FileUpload.ALL) List<FileUpload> files) {
    FileUpload first = files == null || files.isEmpty() ? null : files.get(0);
    return analysis.analyzeUpload(first == null ? null : first.uploadedFile());
  }

  /**
   * A remote image by {@code url}: not wired to the outbound policy yet (docs/api.md); the body is
   * still checked so a client learns the shape is right.
   */
  @POST
  @Path("recipes/analyze-image")
  @Consumes(MediaType.APPLICATION_JSON)
  public ObjectNode analyzeUrl(JsonNode body) {
    RequestBody.of(body).text("url");
    throw LmException.badInput("URL import is not available yet: upload the image instead");
  }

  @POST
  @Path("recipes/analyze-local-image")
  @Consumes(MediaType.APPLICATION_JSON)
  public ObjectNode analyzeLocal(JsonNode body) {
    return analysis.analyzeLocal(RequestBody.of(body).text("path"));
  }
}
