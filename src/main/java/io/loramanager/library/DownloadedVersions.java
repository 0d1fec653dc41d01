package io.loramanager.library;

import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Civitai versions were ever downloaded (anchor-downloads §4.2): a row per (type, version)
 * that outlives the file, so that a version the user deleted is not fetched again when {@code
 * skip_previously_downloaded_model_versions} is on, plus one row per downloaded file. Marking a
 * version deleted keeps its row with an override flag; marking it downloaded again clears the flag.
 * Types are normalised ({@code locon} and {@code dora} are LoRAs, {@code textualinversion} is an
 * embedding); any other type is ignored.
 */
@ApplicationScoped
public class DownloadedVersions {

  /** Who marked a version: the download flow, a library scan, or a client by hand. */
  public enum Source {
    DOWNLOAD,
    SCAN,
    MANUAL;

    String stored() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What is known of a downloaded version; null fields are left as they were. */
  public record Mark(Long modelId, Source source, String filePath, Long fileId, String fileName) {}

  private static final String UPSERT_VERSION =
      """
      INSERT INTO downloaded_model_versions (model_type, version_id, model_id, first_seen_at,
        last_seen_at, source, last_file_path, last_library_name, is_deleted_override)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
      ON CONFLICT (model_type, version_id) DO UPDATE SET
        model_id = COALESCE(excluded.model_id, model_id),
        last_seen_at = excluded.last_seen_at,
        source = COALESCE(excluded.source, source),
        last_file_path = COALESCE(excluded.last_file_path, last_file_path),
        last_library_name = COALESCE(excluded.last_library_name, last_library_name),
        is_deleted_override = 0
      """;

  private static final String UPSERT_FILE =
      """
      INSERT INTO downloaded_version_files (model_type, version_id, file_id, file_name,
        downloaded_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (model_type, version_id, file_id) DO UPDATE SET
        file_name = COALESCE(excluded.file_name, file_name),
        downloaded_at = excluded.downloaded_at
      """;

  private static final String MARK_DELETED =
      """
      INSERT INTO downloaded_model_versions (model_type, version_id, first_seen_at, last_seen_at,
        is_deleted_override)
      VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (model_type, version_id) DO UPDATE SET
        last_seen_at = excluded.last_seen_at,
        is_deleted_override = 1
      """;

  private final Database database;
  private final SettingsStore settings;
  private final Clock clock;

  @Inject
  public DownloadedVersions(Database database, SettingsStore settings, Clock clock) {
    this.database = database;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The history's name for a model type: {@code lora}, {@code checkpoint} or {@code embedding};
   * empty for anything else (or null).
   */
  public static Optional<String> normaliseType(String type) {
    if (type == null) {
      return Optional.empty();
    }
    return switch (type.trim().toLowerCase(Locale.ROOT)) {
      case "lora", "locon", "dora" -> Optional.of("lora");
      case "checkpoint" -> Optional.of("checkpoint");
      case "embedding", "textualinversion" -> Optional.of("embedding");
      default -> Optional.empty();
    };
  }

  /** Records the version (and the file, when its id is known) as downloaded. */
  public void markDownloaded(String type, long versionId, Mark mark) {
    Optional<String> normal = normaliseType(type);
    if (normal.isEmpty() || versionId <= 0) {
      return;
    }
    double now = now();
    String library = settings.string("active_library", "default");
    database.write(
        connection -> {
          try (PreparedStatement row = connection.prepareStatement(UPSERT_VERSION)) {
            row.setString(1, normal.get());
            row.setLong(2, versionId);
            setLong(row, 3, mark.modelId());
            row.setDouble(4, now);
            row.setDouble(5, now);
            row.setString(6, mark.source() == null ? null : mark.source().stored());
            row.setString(7, mark.filePath());
            row.setString(8, library);
            row.executeUpdate();
          }
          if (mark.fileId() != null) {
            try (PreparedStatement row = connection.prepareStatement(UPSERT_FILE)) {
              row.setString(1, normal.get());
              row.setLong(2, versionId);
              row.setLong(3, mark.fileId());
              row.setString(4, mark.fileName());
              row.setDouble(5, now);
              row.executeUpdate();
            }
          }
          return null;
        });
  }

  /** Records the version as no longer downloaded; its file rows go. */
  public void markDeleted(String type, long versionId) {
    Optional<String> normal = normaliseType(type);
    if (normal.isEmpty() || versionId <= 0) {
      return;
    }
    double now = now();
    database.write(
        connection -> {
          try (PreparedStatement row = connection.prepareStatement(MARK_DELETED)) {
            row.setString(1, normal.get());
            row.setLong(2, versionId);
            row.setDouble(3, now);
            row.setDouble(4, now);
            row.executeUpdate();
          }
          deleteFiles(connection, normal.get(), versionId, null);
          return null;
        });
  }

  /** Forgets one downloaded file of the version; its siblings and the version row stay. */
  public void markFileDeleted(String type, long versionId, long fileId) {
    Optional<String> normal = normaliseType(type);
    if (normal.isEmpty() || versionId <= 0) {
      return;
    }
    database.write(connection -> deleteFiles(connection, normal.get(), versionId, fileId));
  }

  /** Whether the version was downloaded and not marked deleted since. */
  public boolean hasBeenDownloaded(String type, long versionId) {
    Optional<String> normal = normaliseType(type);
    if (normal.isEmpty()) {
      return false;
    }
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT 1 FROM downloaded_model_versions WHERE model_type = ? AND version_id = ?"
                      + " AND is_deleted_override = 0")) {
            query.setString(1, normal.get());
            query.setLong(2, versionId);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  /** The downloaded (not deleted) version ids of a Civitai model, ascending. */
  public List<Long> downloadedVersionIds(String type, long modelId) {
    Optional<String> normal = normaliseType(type);
    if (normal.isEmpty()) {
      return List.of();
    }
    return database.read(
        connection ->
            longs(
                connection,
                "SELECT version_id FROM downloaded_model_versions WHERE model_type = ?"
                    + " AND model_id = ? AND is_deleted_override = 0 ORDER BY version_id",
                normal.get(),
                modelId));
  }

  /** The ids of the version's downloaded files, ascending. */
  public List<Long> downloadedFileIds(String type, long versionId) {
    Optional<String> normal = normaliseType(type);
    if (normal.isEmpty()) {
      return List.of();
    }
    return database.read(
        connection ->
            longs(
                connection,
                "SELECT file_id FROM downloaded_version_files WHERE model_type = ?"
                    + " AND version_id = ? ORDER BY file_id",
                normal.get(),
                versionId));
  }

  private static Object deleteFiles(Connection connection, String type, long versionId, Long fileId)
      throws SQLException {
    String sql =
        "DELETE FROM downloaded_version_files WHERE model_type = ? AND version_id = ?"
            + (fileId == null ? "" : " AND file_id = ?");
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setString(1, type);
      delete.setLong(2, versionId);
      if (fileId != null) {
        delete.setLong(3, fileId);
      }
      delete.executeUpdate();
    }
    return null;
  }

  private static List<Long> longs(Connection connection, String sql, String type, long id)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, type);
      query.setLong(2, id);
      List<Long> out = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          out.add(rows.getLong(1));
        }
      }
      return out;
    }
  }

  private static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, value);
    }
  }

  private double now() {
    return clock.millis() / 1000.0;
  }
}
