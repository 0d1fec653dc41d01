package io.loramanager.api;

import io.loramanager.library.examples.ExampleImageFiles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * Serves stored example images at {@code /example_images_static/<sha256>/<file>}, only from inside
 * the example-images folder (after symlinks), only media types kept there; 404 for anything else.
 */
@Path("/example_images_static")
public class ExampleImagesStaticResource {

  @Inject ExampleImageFiles files;

  @GET
  @Path("{file: .+}")
  public Response serve(@PathParam("file") String file) {
    ExampleImageFiles.Served served = files.serve(file);
    return Response.ok(served.file().toFile(), served.contentType())
        .header("Cache-Control", "public, max-age=86400")
        .build();
  }
}
