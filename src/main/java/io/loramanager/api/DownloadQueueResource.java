package io.loramanager.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.download.DownloadQueueStore;
import io.loramanager.errors.LmException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Set;

/**
 * The persistent download queue and history (anchor-api §3.4 rows 8–21): all GET with query
 * parameters, rows in the reference's column shape.
 */
@Path("/api/lm/downloads")
@Produces(MediaType.APPLICATION_JSON)
public class DownloadQueueResource {

  private static final Set<String> QUEUE_STATUSES = Set.of("queued", "downloading", "paused");
  private static final Set<String> TERMINAL_STATUSES = Set.of("completed", "failed", "canceled");
  static final int MAX_HISTORY_PAGE = 500;

  @Inject DownloadQueueStore store;
  @Inject ObjectMapper mapper;
  @Context UriInfo uri;

  @GET
  @Path("queue")
  public Map<String, Object> queue() {
    return Responses.success("queue", store.queue(), "stats", store.stats());
  }

  @GET
  @Path("queue/add")
  public Map<String, Object> add() {
    QueryParams q = params();
    DownloadQueueStore.NewItem item =
        new DownloadQueueStore.NewItem(
            blankToNull(q.string("download_id")),
            id(q, "model_id"),
            id(q, "model_version_id"),
            q.string("model_name"),
            q.string("version_name"),
            q.string("thumbnail_url"),
            blankToNull(q.string("source")),
            fileParams(q.string("file_params")));
    return Responses.success("item", store.add(item).orElse(Map.of()));
  }

  @GET
  @Path("queue/remove")
  public Map<String, Object> remove() {
    return Map.of("success", store.remove(downloadId()));
  }

  @GET
  @Path("queue/move-to-top")
  public Map<String, Object> moveToTop() {
    return Map.of("success", store.moveToTop(downloadId()));
  }

  @GET
  @Path("queue/move-to-end")
  public Map<String, Object> moveToEnd() {
    return Map.of("success", store.moveToEnd(downloadId()));
  }

  @GET
  @Path("queue/clear")
  public Map<String, Object> clearQueue() {
    return Responses.success("cleared", store.clearQueue(blankToNull(params().string("status"))));
  }

  @GET
  @Path("queue/status")
  public Map<String, Object> status() {
    QueryParams q = params();
    String id = blankToNull(q.string("download_id"));
    String status = blankToNull(q.string("status"));
    if (id == null || status == null) {
      throw LmException.badInput("download_id and status are required");
    }
    oneOf("status", status, QUEUE_STATUSES);
    if (!store.updateStatus(id, status, DownloadQueueStore.Progress.NONE)) {
      throw LmException.notFound("Download not found in queue");
    }
    return Responses.success();
  }

  @GET
  @Path("queue/complete")
  public Map<String, Object> complete() {
    QueryParams q = params();
    String id = downloadId();
    String status = blankToNull(q.string("status"));
    status = status == null ? "completed" : status;
    oneOf("status", status, TERMINAL_STATUSES);
    Long bytes = id(q, "bytes_downloaded");
    DownloadQueueStore.Outcome outcome =
        new DownloadQueueStore.Outcome(
            status,
            blankToNull(q.string("error")),
            blankToNull(q.string("file_path")),
            bytes == null ? 0 : bytes,
            id(q, "total_bytes"),
            number(q, "completed_at"));
    return Responses.success(
        "item",
        store
            .complete(id, outcome)
            .orElseThrow(() -> LmException.notFound("Download not found in queue")));
  }

  @GET
  @Path("history")
  public Map<String, Object> history() {
    QueryParams q = params();
    int limit = Math.min(MAX_HISTORY_PAGE, q.atLeast("limit", 50, 1));
    DownloadQueueStore.Page page =
        store.history(limit, q.atLeast("offset", 0, 0), blankToNull(q.string("status")));
    return Responses.success(
        "items",
        page.items(),
        "total",
        page.total(),
        "limit",
        page.limit(),
        "offset",
        page.offset());
  }

  @GET
  @Path("history/clear")
  public Map<String, Object> clearHistory() {
    return Responses.success("cleared", store.clearHistory(blankToNull(params().string("status"))));
  }

  @GET
  @Path("history/delete")
  public Map<String, Object> deleteHistory() {
    HistoryKey key = historyKey();
    return Map.of("success", store.deleteHistory(key.id(), key.downloadId()));
  }

  @GET
  @Path("history/retry")
  public Map<String, Object> retry() {
    HistoryKey key = historyKey();
    return Responses.success(
        "item",
        store
            .retry(key.id(), key.downloadId())
            .orElseThrow(() -> LmException.notFound("History item not found or not retryable")));
  }

  @GET
  @Path("history/retry-all")
  public Map<String, Object> retryAll() {
    return Responses.success("retry_count", store.retryAll());
  }

  @GET
  @Path("stats")
  public Map<String, Object> stats() {
    return Responses.success("stats", store.stats());
  }

  private record HistoryKey(Long id, String downloadId) {}

  private HistoryKey historyKey() {
    QueryParams q = params();
    String downloadId = blankToNull(q.string("download_id"));
    Long id = id(q, "id");
    if (downloadId == null && id == null) {
      throw LmException.badInput("id or download_id is required");
    }
    return new HistoryKey(id, downloadId);
  }

  private String downloadId() {
    String id = blankToNull(params().string("download_id"));
    if (id == null) {
      throw LmException.badInput("download_id is required");
    }
    return id;
  }

  private QueryParams params() {
    return new QueryParams(uri.getQueryParameters());
  }

  private static Long id(QueryParams q, String name) {
    String value = blankToNull(q.string(name));
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw LmException.badInput("Invalid " + name + ": Must be an integer");
    }
  }

  private static Double number(QueryParams q, String name) {
    String value = blankToNull(q.string(name));
    if (value == null) {
      return null;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw LmException.badInput("Invalid " + name + ": Must be a number");
    }
  }

  /** Keeps file_params as the JSON text the reference stores; 400 when it is not an object. */
  private String fileParams(String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(value);
      if (!node.isObject()) {
        throw LmException.badInput("file_params must be a JSON object");
      }
      return node.isEmpty() ? null : mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw LmException.badInput("file_params must be a JSON object");
    }
  }

  private static void oneOf(String name, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw LmException.badInput(
          "Invalid "
              + name
              + ": '"
              + value
              + "' (one of "
              + String.join(", ", allowed.stream().sorted().toList())
              + ")");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
