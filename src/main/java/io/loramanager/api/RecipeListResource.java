package io.loramanager.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.query.Page;
import io.loramanager.recipe.FtsQuery;
import io.loramanager.recipe.RecipeQuery;
import io.loramanager.recipe.RecipeReader;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading recipes (anchor-api §3.5 rows 1, 2, 12, 13): the list, one recipe, recipes by model. */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class RecipeListResource {

  @Inject RecipeReader reader;

  @GET
  @Path("recipes")
  public Map<String, Object> list(@Context UriInfo uri) {
    QueryParams params = new QueryParams(uri.getQueryParameters());
    Page<ObjectNode> page = reader.list(query(params));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items().stream().map(RecipeItems::of).toList());
    body.put("total", page.total());
    body.put("page", page.page());
    body.put("page_size", page.pageSize());
    body.put("total_pages", page.totalPages());
    return body;
  }

  @GET
  @Path("recipe/{id}")
  public ObjectNode get(@PathParam("id") String id) {
    return RecipeItems.of(reader.get(id));
  }

  @GET
  @Path("recipes/for-lora")
  public Map<String, Object> forLora(@QueryParam("hash") String hash) {
    return Responses.success(
        "recipes", reader.forLora(hash).stream().map(RecipeItems::of).toList());
  }

  @GET
  @Path("recipes/for-checkpoint")
  public Map<String, Object> forCheckpoint(@QueryParam("hash") String hash) {
    return Responses.success(
        "recipes", reader.forCheckpoint(hash).stream().map(RecipeItems::of).toList());
  }

  private static RecipeQuery query(QueryParams params) {
    Set<FtsQuery.Field> fields = EnumSet.noneOf(FtsQuery.Field.class);
    addIf(params, "search_title", FtsQuery.Field.TITLE, fields);
    addIf(params, "search_tags", FtsQuery.Field.TAGS, fields);
    addIf(params, "search_lora_name", FtsQuery.Field.LORA_NAME, fields);
    addIf(params, "search_lora_model", FtsQuery.Field.LORA_MODEL, fields);
    addIf(params, "search_prompt", FtsQuery.Field.PROMPT, fields);
    List<String> include = new ArrayList<>(params.csv("tags"));
    include.addAll(params.all("tag_include"));
    return new RecipeQuery(
        params.integer("page", 1),
        params.integer("page_size", 20),
        params.string("sort_by"),
        params.string("search"),
        fields,
        params.string("folder"),
        params.bool("recursive", true),
        params.csv("base_models"),
        params.bool("favorite", false),
        include,
        params.all("tag_exclude"),
        params.string("lora_hash"),
        params.string("checkpoint_hash"));
  }

  private static void addIf(
      QueryParams params, String name, FtsQuery.Field field, Set<FtsQuery.Field> fields) {
    if (params.bool(name, true)) {
      fields.add(field);
    }
  }
}
