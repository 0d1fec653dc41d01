package io.loramanager.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.loramanager.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The catalogue's SQLite copy: one row per model (excluded ones too), so a restart serves at once
 * without reading a sidecar. Changes are written as targeted upserts and deletes.
 */
@ApplicationScoped
public class CatalogStore {

  private static final String COLUMNS =
      "model_type, file_path, file_name, model_name, folder, size, modified, sha256, autov3,"
          + " base_model, preview_url, preview_nsfw_level, from_civitai, favorite, exclude,"
          + " db_checked, civitai_deleted, skip_metadata_refresh, notes, usage_tips,"
          + " metadata_source, last_checked_at, hash_status, hf_url, sub_type, tags, civitai,"
          + " license_flags, file_size, file_mtime, sidecar_size, sidecar_mtime";
  private static final String UPSERT =
      "INSERT OR REPLACE INTO models (" + COLUMNS + ") VALUES (" + "?,".repeat(31) + "?)";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Database database;
  private final ObjectMapper mapper;
  // Built once: resolving the target type on every row was a fifth of a 100k-row load.
  private final ObjectReader tagsReader;
  private final ObjectReader civitaiReader;

  @Inject
  public CatalogStore(Database database, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
    this.tagsReader = mapper.readerFor(STRINGS);
    this.civitaiReader = mapper.readerFor(CivitaiRef.class);
  }

  /** Every stored entry of a type, in path order. */
  public List<ModelEntry> load(ModelType type) {
    return database.read(
        connection -> {
          List<ModelEntry> entries = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM models WHERE model_type = ? ORDER BY file_path")) {
            select.setString(1, type.id());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                entries.add(toEntry(rows));
              }
            }
          }
          return entries;
        });
  }

  /** Writes the changed entries and removes the gone paths in one transaction. */
  public void apply(
      ModelType type, Collection<ModelEntry> upserts, Collection<String> removedPaths) {
    if (upserts.isEmpty() && removedPaths.isEmpty()) {
      return;
    }
    database.write(
        connection -> {
          delete(connection, type, removedPaths);
          upsert(connection, type, upserts);
          return null;
        });
  }

  /** Replaces every row of a type (a full rebuild). */
  public void replaceAll(ModelType type, Collection<ModelEntry> entries) {
    database.write(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM models WHERE model_type = ?")) {
            delete.setString(1, type.id());
            delete.executeUpdate();
          }
          upsert(connection, type, entries);
          return null;
        });
  }

  private static void delete(Connection connection, ModelType type, Collection<String> paths)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM models WHERE model_type = ? AND file_path = ?")) {
      for (String path : paths) {
        delete.setString(1, type.id());
        delete.setString(2, path);
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  private void upsert(Connection connection, ModelType type, Collection<ModelEntry> entries)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(UPSERT)) {
      for (ModelEntry entry : entries) {
        bind(insert, type, entry);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void bind(PreparedStatement row, ModelType type, ModelEntry e) throws SQLException {
    int i = 1;
    row.setString(i++, type.id());
    row.setString(i++, e.filePath());
    row.setString(i++, e.fileName());
    row.setString(i++, e.modelName());
    row.setString(i++, e.folder());
    row.setLong(i++, e.size());
    row.setDouble(i++, e.modified());
    row.setString(i++, e.sha256());
    row.setString(i++, e.autov3());
    row.setString(i++, e.baseModel());
    row.setString(i++, e.previewUrl());
    row.setInt(i++, e.previewNsfwLevel());
    row.setInt(i++, e.fromCivitai() ? 1 : 0);
    row.setInt(i++, e.favorite() ? 1 : 0);
    row.setInt(i++, e.exclude() ? 1 : 0);
    row.setInt(i++, e.dbChecked() ? 1 : 0);
    row.setInt(i++, e.civitaiDeleted() ? 1 : 0);
    row.setInt(i++, e.skipMetadataRefresh() ? 1 : 0);
    row.setString(i++, e.notes());
    row.setString(i++, e.usageTips());
    row.setString(i++, e.metadataSource());
    row.setDouble(i++, e.lastCheckedAt());
    row.setString(i++, e.hashStatus());
    row.setString(i++, e.hfUrl());
    row.setString(i++, e.subType());
    row.setString(i++, json(e.tags()));
    if (e.civitai() == null) {
      row.setNull(i++, Types.VARCHAR);
    } else {
      row.setString(i++, json(e.civitai()));
    }
    row.setInt(i++, e.licenseFlags());
    FileStamp stamp = e.stamp();
    row.setLong(i++, stamp.fileSize());
    row.setLong(i++, stamp.fileMtimeMs());
    row.setLong(i++, stamp.sidecarSize());
    row.setLong(i, stamp.sidecarMtimeMs());
  }

  private ModelEntry toEntry(ResultSet r) throws SQLException {
    try {
      String civitai = r.getString("civitai");
      return new ModelEntry(
          r.getString("file_path"),
          r.getString("file_name"),
          r.getString("model_name"),
          r.getString("folder"),
          r.getLong("size"),
          r.getDouble("modified"),
          r.getString("sha256"),
          r.getString("autov3"),
          r.getString("base_model"),
          r.getString("preview_url"),
          r.getInt("preview_nsfw_level"),
          r.getInt("from_civitai") != 0,
          r.getInt("favorite") != 0,
          r.getInt("exclude") != 0,
          r.getInt("db_checked") != 0,
          r.getInt("civitai_deleted") != 0,
          r.getInt("skip_metadata_refresh") != 0,
          r.getString("notes"),
          r.getString("usage_tips"),
          r.getString("metadata_source"),
          r.getDouble("last_checked_at"),
          r.getString("hash_status"),
          r.getString("hf_url"),
          r.getString("sub_type"),
          tagsReader.<List<String>>readValue(r.getString("tags")),
          civitai == null ? null : civitaiReader.<CivitaiRef>readValue(civitai),
          r.getInt("license_flags"),
          new FileStamp(
              r.getLong("file_size"),
              r.getLong("file_mtime"),
              r.getLong("sidecar_size"),
              r.getLong("sidecar_mtime")));
    } catch (JsonProcessingException ex) {
      throw new SQLException(
          "corrupt row " + r.getString("file_path") + ": " + ex.getMessage(), ex);
    }
  }

  private String json(Object value) throws SQLException {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException ex) {
      throw new SQLException("cannot encode " + value, ex);
    }
  }
}
