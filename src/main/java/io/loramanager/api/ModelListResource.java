package io.loramanager.api;

import io.loramanager.library.ModelType;
import io.loramanager.library.query.ModelQueryService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** The model grid: {@code list} and {@code excluded} pages (anchor-api §3.1 rows 1–2). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ModelListResource {

  @Inject ModelQueryService queries;

  @GET
  @Path("{type}/list")
  public PageResponse list(@PathParam("type") String type, @Context UriInfo uri) {
    ModelType modelType = ModelType.fromPrefix(type);
    return PageResponse.of(
        modelType,
        queries.list(modelType, ListQueryParser.parse(modelType, uri.getQueryParameters())));
  }

  @GET
  @Path("{type}/excluded")
  public PageResponse excluded(@PathParam("type") String type, @Context UriInfo uri) {
    ModelType modelType = ModelType.fromPrefix(type);
    return PageResponse.of(
        modelType,
        queries.listExcluded(
            modelType, ListQueryParser.parse(modelType, uri.getQueryParameters())));
  }
}
