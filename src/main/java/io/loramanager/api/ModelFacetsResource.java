package io.loramanager.api;

import io.loramanager.library.LibraryFacets;
import io.loramanager.library.ModelType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** Filter-panel counts: tags, base models, sub-types, the LoRA letter bar (anchor-api §3.1). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ModelFacetsResource {

  @Inject LibraryFacets facets;

  @GET
  @Path("{type}/top-tags")
  public Map<String, Object> topTags(@PathParam("type") String type, @Context UriInfo uri) {
    int limit = new QueryParams(uri.getQueryParameters()).integer("limit", 20);
    return Responses.success(
        "tags", Responses.counts(facets.topTags(ModelType.fromPrefix(type), limit), "tag"));
  }

  @GET
  @Path("{type}/search-tags")
  public Map<String, Object> searchTags(@PathParam("type") String type, @Context UriInfo uri) {
    QueryParams params = new QueryParams(uri.getQueryParameters());
    return Responses.success(
        "tags",
        Responses.counts(
            facets.searchTags(
                ModelType.fromPrefix(type), params.string("q"), params.integer("limit", 20)),
            "tag"));
  }

  @GET
  @Path("{type}/base-models")
  public Map<String, Object> baseModels(@PathParam("type") String type, @Context UriInfo uri) {
    int limit = new QueryParams(uri.getQueryParameters()).integer("limit", 20);
    return Responses.success(
        "base_models",
        Responses.counts(facets.baseModels(ModelType.fromPrefix(type), limit), "name"));
  }

  @GET
  @Path("{type}/model-types")
  public Map<String, Object> modelTypes(@PathParam("type") String type, @Context UriInfo uri) {
    int limit = new QueryParams(uri.getQueryParameters()).integer("limit", 20);
    return Responses.success(
        "model_types",
        Responses.counts(facets.modelTypes(ModelType.fromPrefix(type), limit), "type"));
  }

  @GET
  @Path("loras/letter-counts")
  public Map<String, Object> letterCounts() {
    return Responses.success("letter_counts", facets.letterCounts(ModelType.LORA));
  }
}
