package io.loramanager.api;

import io.loramanager.recipe.RecipeSharing;
import io.loramanager.recipe.RecipeSyntax;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Using a recipe elsewhere (anchor-api §3.5 rows 10, 31, 32): LoRA syntax, share, download. */
@Path("/api/lm")
public class RecipeShareResource {

  @Inject RecipeSyntax syntax;
  @Inject RecipeSharing sharing;

  @GET
  @Path("recipe/{id}/syntax")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> syntax(@PathParam("id") String id) {
    return Responses.success("syntax", syntax.of(id));
  }

  @GET
  @Path("recipe/{id}/share")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> share(@PathParam("id") String id) {
    RecipeSharing.Shared shared = sharing.share(id);
    return Responses.success(
        "download_url",
        "/api/lm/recipe/" + id + "/share/download?t=" + shared.expiresAt().getEpochSecond(),
        "filename",
        shared.fileName());
  }

  @GET
  @Path("recipe/{id}/share/download")
  public Response download(@PathParam("id") String id) {
    RecipeSharing.Shared shared = sharing.download(id);
    return Response.ok(shared.file().toFile())
        .type(MediaType.APPLICATION_OCTET_STREAM)
        .header("Content-Disposition", "attachment; filename=\"" + shared.fileName() + "\"")
        .build();
  }
}
