package io.loramanager.api;

import io.loramanager.library.PreviewFiles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Date;

/**
 * Serves previews ({@code GET /api/lm/previews?path=}) from inside the model roots only, with
 * validators so browsers revalidate instead of downloading again.
 */
@Path("/api/lm/previews")
public class PreviewResource {

  private static final String CACHE_CONTROL = "public, max-age=86400";

  @Inject PreviewFiles previews;

  @GET
  public Response preview(
      @QueryParam("path") String path, @jakarta.ws.rs.core.Context Request request) {
    PreviewFiles.Preview preview = previews.resolve(path);
    long modifiedMillis = preview.lastModified().toEpochMilli();
    Date lastModified = new Date(modifiedMillis);
    EntityTag etag =
        new EntityTag(Long.toHexString(preview.size()) + "-" + Long.toHexString(modifiedMillis));
    Response.ResponseBuilder unchanged = request.evaluatePreconditions(lastModified, etag);
    if (unchanged != null) {
      return unchanged.header("Cache-Control", CACHE_CONTROL).build();
    }
    return Response.ok(preview.file().toFile(), preview.contentType())
        .tag(etag)
        .lastModified(lastModified)
        .header("Cache-Control", CACHE_CONTROL)
        .build();
  }
}
