package io.loramanager.download;

import io.loramanager.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The persistent download queue and its terminal history (anchor-downloads §4.1), in SQLite. Rows
 * come back as column-ordered maps, the reference's {@code dict(row)} shape; timestamps are epoch
 * seconds. Statuses are spelled as the reference stores them ({@code canceled}, one l).
 */
@ApplicationScoped
public class DownloadQueueStore {

  /** What a new queue row is made of. */
  public record NewItem(
      String downloadId,
      Long modelId,
      Long modelVersionId,
      String modelName,
      String versionName,
      String thumbnailUrl,
      String source,
      String fileParams) {}

  /** What a finished download records. */
  public record Outcome(
      String status,
      String error,
      String filePath,
      long bytesDownloaded,
      Long totalBytes,
      Double completedAt) {}

  private static final String INSERT_QUEUED =
      """
      INSERT OR IGNORE INTO download_queue (download_id, model_id, model_version_id, model_name,
        version_name, thumbnail_url, source, file_params, status, priority, added_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?)
      """;

  /**
   * The columns of a queue row as the reference has them; the target columns of step 5 are ours and
   * stay out of the rows clients see.
   */
  private static final String QUEUE_ROW =
      "SELECT download_id, model_id, model_version_id, model_name, version_name, thumbnail_url,"
          + " source, file_params, status, priority, progress, bytes_downloaded, total_bytes,"
          + " bytes_per_second, error, file_path, added_at, started_at, completed_at"
          + " FROM download_queue";

  /**
   * Where a download saves.
   *
   * @param modelRoot the root; null for the type's default root
   * @param relativePath the folder under the root; null when the type's path template decides
   */
  public record Target(String modelRoot, String relativePath) {}

  private final Database database;
  private final Clock clock;

  @Inject
  public DownloadQueueStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Queues a download; empty when its id is already queued or already in the history. */
  public Optional<Map<String, Object>> add(NewItem item) {
    String id = item.downloadId() == null ? UUID.randomUUID().toString() : item.downloadId();
    return database.write(
        c -> {
          if (!rows(c, "SELECT 1 FROM download_history WHERE download_id = ?", id).isEmpty()) {
            return Optional.empty();
          }
          return insert(c, id, item) == 0 ? Optional.empty() : queueRow(c, id);
        });
  }

  private int insert(Connection c, String id, NewItem item) throws SQLException {
    return update(
        c,
        INSERT_QUEUED,
        id,
        item.modelId(),
        item.modelVersionId(),
        orEmpty(item.modelName()),
        orEmpty(item.versionName()),
        orEmpty(item.thumbnailUrl()),
        item.source(),
        item.fileParams(),
        now());
  }

  /**
   * Makes sure a starting download has a queue row (added as {@link #add} does, unless the id is in
   * the history already) and records where it saves; false when it has no row.
   */
  public boolean begin(NewItem item, Target target) {
    return database.write(
        c -> {
          if (queueRow(c, item.downloadId()).isEmpty()
              && rows(c, "SELECT 1 FROM download_history WHERE download_id = ?", item.downloadId())
                  .isEmpty()) {
            insert(c, item.downloadId(), item);
          }
          return place(c, item.downloadId(), target) > 0;
        });
  }

  /** Records where a queued download saves; false when the id is not queued. */
  public boolean placeIn(String downloadId, Target target) {
    return database.write(c -> place(c, downloadId, target)) > 0;
  }

  /** Where a queued download saves; both parts null when nothing chose it. */
  public Optional<Target> target(String downloadId) {
    return database.read(
        c ->
            rows(
                    c,
                    "SELECT model_root, relative_path FROM download_queue WHERE download_id = ?",
                    downloadId)
                .stream()
                .findFirst()
                .map(
                    r ->
                        new Target((String) r.get("model_root"), (String) r.get("relative_path"))));
  }

  private static int place(Connection c, String downloadId, Target target) throws SQLException {
    return update(
        c,
        "UPDATE download_queue SET model_root = ?, relative_path = ? WHERE download_id = ?",
        target.modelRoot(),
        target.relativePath(),
        downloadId);
  }

  /** The queue in the order it is drained: priority first, then first come. */
  public List<Map<String, Object>> queue() {
    return database.read(c -> rows(c, QUEUE_ROW + " ORDER BY priority DESC, added_at ASC"));
  }

  public Optional<Map<String, Object>> queued(String downloadId) {
    return database.read(c -> queueRow(c, downloadId));
  }

  public boolean remove(String downloadId) {
    return database.write(
            c -> update(c, "DELETE FROM download_queue WHERE download_id = ?", downloadId))
        > 0;
  }

  public boolean moveToTop(String downloadId) {
    return reprioritise(
        downloadId, "SELECT COALESCE(MAX(priority), 0) + 1 AS p FROM download_queue");
  }

  public boolean moveToEnd(String downloadId) {
    return reprioritise(
        downloadId, "SELECT COALESCE(MIN(priority), 0) - 1 AS p FROM download_queue");
  }

  /** Removes every queue row, or those of one status; returns how many. */
  public int clearQueue(String status) {
    return database.write(
        c ->
            status == null
                ? update(c, "DELETE FROM download_queue")
                : update(c, "DELETE FROM download_queue WHERE status = ?", status));
  }

  /** Sets a queue row's status (and progress figures); false when it is not queued. */
  public boolean updateStatus(String downloadId, String status, Progress progress) {
    double now = now();
    return database.write(
            c ->
                update(
                    c,
                    """
                    UPDATE download_queue SET status = ?,
                      started_at = CASE WHEN ? = 'downloading' THEN COALESCE(started_at, ?)
                        ELSE started_at END,
                      progress = COALESCE(?, progress),
                      bytes_downloaded = COALESCE(?, bytes_downloaded),
                      total_bytes = COALESCE(?, total_bytes),
                      bytes_per_second = COALESCE(?, bytes_per_second),
                      error = COALESCE(?, error),
                      file_path = COALESCE(?, file_path)
                    WHERE download_id = ?
                    """,
                    status,
                    status,
                    now,
                    progress.progress(),
                    progress.bytesDownloaded(),
                    progress.totalBytes(),
                    progress.bytesPerSecond(),
                    progress.error(),
                    progress.filePath(),
                    downloadId))
        > 0;
  }

  /** Optional figures of a status update; nulls leave the stored value. */
  public record Progress(
      Integer progress,
      Long bytesDownloaded,
      Long totalBytes,
      Double bytesPerSecond,
      String error,
      String filePath) {

    public static final Progress NONE = new Progress(null, null, null, null, null, null);
  }

  /**
   * Moves a queue row into the history with a terminal status, in one transaction. Returns the
   * queue row as it was, or empty when the id is not queued.
   */
  public Optional<Map<String, Object>> complete(String downloadId, Outcome outcome) {
    double at = outcome.completedAt() == null ? now() : outcome.completedAt();
    return database.write(
        c -> {
          Optional<Map<String, Object>> row = queueRow(c, downloadId);
          if (row.isEmpty()) {
            return row;
          }
          Map<String, Object> q = row.get();
          update(c, "DELETE FROM download_queue WHERE download_id = ?", downloadId);
          update(
              c,
              """
              INSERT OR IGNORE INTO download_history (download_id, model_id, model_version_id,
                model_name, version_name, thumbnail_url, file_params, status, error, file_path,
                bytes_downloaded, total_bytes, completed_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
              downloadId,
              q.get("model_id"),
              q.get("model_version_id"),
              q.get("model_name"),
              q.get("version_name"),
              q.get("thumbnail_url"),
              q.get("file_params"),
              outcome.status(),
              outcome.error(),
              outcome.filePath(),
              outcome.bytesDownloaded(),
              outcome.totalBytes(),
              at);
          return row;
        });
  }

  /** A page of the history, newest first. */
  public Page history(int limit, int offset, String status) {
    return database.read(
        c -> {
          String where = status == null ? "" : " WHERE status = ?";
          Object[] filter = status == null ? new Object[0] : new Object[] {status};
          long total =
              ((Number)
                      rows(c, "SELECT COUNT(*) AS n FROM download_history" + where, filter)
                          .get(0)
                          .get("n"))
                  .longValue();
          List<Object> args = new ArrayList<>(List.of(filter));
          args.add(limit);
          args.add(offset);
          List<Map<String, Object>> items =
              rows(
                  c,
                  "SELECT * FROM download_history"
                      + where
                      + " ORDER BY completed_at DESC, id DESC LIMIT ? OFFSET ?",
                  args.toArray());
          return new Page(items, total, limit, offset);
        });
  }

  /** One page of history rows. */
  public record Page(List<Map<String, Object>> items, long total, int limit, int offset) {}

  public int clearHistory(String status) {
    return database.write(
        c ->
            status == null
                ? update(c, "DELETE FROM download_history")
                : update(c, "DELETE FROM download_history WHERE status = ?", status));
  }

  /** Deletes one history row, by download id when given, else by row id. */
  public boolean deleteHistory(Long id, String downloadId) {
    return database.write(
            c ->
                downloadId != null
                    ? update(c, "DELETE FROM download_history WHERE download_id = ?", downloadId)
                    : update(c, "DELETE FROM download_history WHERE id = ?", id))
        > 0;
  }

  /**
   * Queues a failed or cancelled download again under a new id (source {@code retry}, same file
   * choice) and drops its history row; empty when there is no such retryable row.
   */
  public Optional<Map<String, Object>> retry(Long id, String downloadId) {
    return database.write(
        c -> {
          List<Map<String, Object>> found =
              downloadId != null
                  ? rows(c, "SELECT * FROM download_history WHERE download_id = ?", downloadId)
                  : rows(c, "SELECT * FROM download_history WHERE id = ?", id);
          if (found.isEmpty() || !isRetryable(found.get(0))) {
            return Optional.empty();
          }
          return Optional.of(requeue(c, found.get(0)));
        });
  }

  /** Retries every failed and cancelled download; returns how many were queued. */
  public int retryAll() {
    return database.write(
        c -> {
          List<Map<String, Object>> found =
              rows(c, "SELECT * FROM download_history WHERE status IN ('failed', 'canceled')");
          for (Map<String, Object> row : found) {
            requeue(c, row);
          }
          return found.size();
        });
  }

  /** Counts of the queue by status and of the history by outcome. */
  public Map<String, Long> stats() {
    return database.read(
        c -> {
          Map<String, Long> stats = new LinkedHashMap<>();
          Map<String, Long> queue = counts(c, "download_queue");
          Map<String, Long> history = counts(c, "download_history");
          for (String status : List.of("queued", "waiting", "downloading", "paused")) {
            stats.put(status, queue.getOrDefault(status, 0L));
          }
          for (String status : List.of("completed", "failed", "canceled")) {
            stats.put(status, history.getOrDefault(status, 0L));
          }
          return stats;
        });
  }

  private boolean reprioritise(String downloadId, String prioritySql) {
    return database.write(
        c -> {
          if (queueRow(c, downloadId).isEmpty()) {
            return false;
          }
          Object priority = rows(c, prioritySql).get(0).get("p");
          update(
              c,
              "UPDATE download_queue SET priority = ? WHERE download_id = ?",
              priority,
              downloadId);
          return true;
        });
  }

  private Map<String, Object> requeue(Connection c, Map<String, Object> row) throws SQLException {
    String id = UUID.randomUUID().toString();
    update(
        c,
        INSERT_QUEUED,
        id,
        row.get("model_id"),
        row.get("model_version_id"),
        row.get("model_name"),
        row.get("version_name"),
        row.get("thumbnail_url"),
        "retry",
        row.get("file_params"),
        now());
    update(c, "DELETE FROM download_history WHERE id = ?", row.get("id"));
    return queueRow(c, id).orElseThrow();
  }

  private static boolean isRetryable(Map<String, Object> row) {
    Object status = row.get("status");
    return "failed".equals(status) || "canceled".equals(status);
  }

  private static Map<String, Long> counts(Connection c, String table) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map<String, Object> row :
        rows(c, "SELECT status, COUNT(*) AS n FROM " + table + " GROUP BY status")) {
      counts.put(String.valueOf(row.get("status")), ((Number) row.get("n")).longValue());
    }
    return counts;
  }

  private static Optional<Map<String, Object>> queueRow(Connection c, String downloadId)
      throws SQLException {
    return rows(c, QUEUE_ROW + " WHERE download_id = ?", downloadId).stream().findFirst();
  }

  private double now() {
    return clock.millis() / 1000.0;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, args);
      return statement.executeUpdate();
    }
  }

  private static List<Map<String, Object>> rows(Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, args);
      try (ResultSet rows = statement.executeQuery()) {
        ResultSetMetaData meta = rows.getMetaData();
        List<Map<String, Object>> result = new ArrayList<>();
        while (rows.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), plain(rows.getObject(i)));
          }
          result.add(row);
        }
        return result;
      }
    }
  }

  /**
   * REAL values as plain decimals: epoch seconds print as {@code 1700000000.5}, as the reference's
   * JSON has them, never as {@code 1.7000000005E9}.
   */
  private static Object plain(Object value) {
    if (value instanceof Double number && Double.isFinite(number)) {
      BigDecimal decimal = BigDecimal.valueOf(number);
      return decimal.scale() < 1 ? decimal.setScale(1) : decimal;
    }
    return value;
  }

  private static void bind(PreparedStatement statement, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) {
        statement.setNull(i + 1, Types.NULL);
      } else {
        statement.setObject(i + 1, args[i]);
      }
    }
  }
}
