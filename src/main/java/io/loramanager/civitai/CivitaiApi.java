package io.loramanager.civitai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The Civitai REST API calls we make (anchor-library §5.2), as a typed REST client. Answers are raw
 * responses: {@link CivitaiClient} maps the status codes and reads the JSON itself, so that a
 * malformed answer is reported by field instead of by a deserialisation stack trace. A null {@code
 * authorization} sends no header.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface CivitaiApi {

  @GET
  @Path("/model-versions/by-hash/{hash}")
  Response versionByHash(
      @PathParam("hash") String hash, @HeaderParam("Authorization") String authorization);

  @POST
  @Path("/model-versions/by-hash")
  @Consumes(MediaType.APPLICATION_JSON)
  Response versionsByHashes(
      List<String> hashes, @HeaderParam("Authorization") String authorization);

  @GET
  @Path("/model-versions/{id}")
  Response version(@PathParam("id") long id, @HeaderParam("Authorization") String authorization);

  @GET
  @Path("/models/{id}")
  Response model(@PathParam("id") long id, @HeaderParam("Authorization") String authorization);

  @GET
  @Path("/models")
  Response models(
      @QueryParam("ids") String ids,
      @QueryParam("nsfw") boolean nsfw,
      @HeaderParam("Authorization") String authorization);

  @GET
  @Path("/images")
  Response image(
      @QueryParam("imageId") long imageId,
      @QueryParam("nsfw") String nsfw,
      @QueryParam("withMeta") boolean withMeta,
      @HeaderParam("Authorization") String authorization);
}
