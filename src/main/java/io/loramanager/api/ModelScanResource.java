package io.loramanager.api;

import io.loramanager.civitai.BulkRefresh;
import io.loramanager.library.LibraryScanner;
import io.loramanager.library.ModelType;
import io.loramanager.library.ScanReport;
import io.loramanager.library.TaskCancellation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rescans and cancellation (anchor-api §3.1 rows 7 and 20). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ModelScanResource {

  @Inject LibraryScanner scanner;
  @Inject BulkRefresh bulkRefresh;
  @Inject TaskCancellation cancellation;

  /**
   * Incremental rescan, or a full rebuild with {@code full_rebuild=true}. Beyond the reference's
   * {@code status} and {@code message}, the counts and the files left out are reported.
   */
  @GET
  @Path("{type}/scan")
  public Map<String, Object> scan(
      @PathParam("type") String type, @QueryParam("full_rebuild") String fullRebuild) {
    ModelType modelType = ModelType.fromPrefix(type);
    ScanReport report = scanner.scan(modelType, "true".equalsIgnoreCase(fullRebuild));
    Map<String, Object> body = new LinkedHashMap<>();
    if (report.cancelled()) {
      body.put("status", "cancelled");
      body.put("message", modelType.label() + " scan cancelled");
      return body;
    }
    body.put("status", "success");
    body.put("message", modelType.label() + " scan completed");
    body.put("total", report.total());
    body.put("added", report.added());
    body.put("updated", report.updated());
    body.put("removed", report.removed());
    body.put("unchanged", report.unchanged());
    List<Map<String, String>> problems =
        report.problems().stream()
            .map(p -> Map.of("file_path", p.filePath(), "error", p.error()))
            .toList();
    body.put("problems", problems);
    return body;
  }

  /** Stops the scan, bulk delete, bulk move or auto-organize of this type running now. */
  @POST
  @Path("{type}/cancel-task")
  public Map<String, Object> cancel(@PathParam("type") String type) {
    cancellation.requestCancel(ModelType.fromPrefix(type));
    bulkRefresh.cancel(ModelType.fromPrefix(type));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("message", "Cancellation requested");
    return body;
  }
}
