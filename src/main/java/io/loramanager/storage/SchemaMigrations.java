package io.loramanager.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema, tracked in {@code PRAGMA user_version}. Migrations are Java constants, not
 * resources, so the native image needs no resource configuration. Append only; never edit a
 * released step.
 */
final class SchemaMigrations {

  private static final List<String[]> STEPS =
      List.<String[]>of(
          new String[] {
            """
            CREATE TABLE models (
              model_type TEXT NOT NULL,
              file_path TEXT NOT NULL,
              file_name TEXT NOT NULL,
              model_name TEXT NOT NULL,
              folder TEXT NOT NULL,
              size INTEGER NOT NULL,
              modified REAL NOT NULL,
              sha256 TEXT NOT NULL,
              autov3 TEXT,
              base_model TEXT NOT NULL,
              preview_url TEXT NOT NULL,
              preview_nsfw_level INTEGER NOT NULL,
              from_civitai INTEGER NOT NULL,
              favorite INTEGER NOT NULL,
              exclude INTEGER NOT NULL,
              db_checked INTEGER NOT NULL,
              civitai_deleted INTEGER NOT NULL,
              skip_metadata_refresh INTEGER NOT NULL,
              notes TEXT NOT NULL,
              usage_tips TEXT NOT NULL,
              metadata_source TEXT,
              last_checked_at REAL NOT NULL,
              hash_status TEXT NOT NULL,
              hf_url TEXT NOT NULL,
              sub_type TEXT,
              tags TEXT NOT NULL,
              civitai TEXT,
              license_flags INTEGER NOT NULL,
              file_size INTEGER NOT NULL,
              file_mtime INTEGER NOT NULL,
              sidecar_size INTEGER NOT NULL,
              sidecar_mtime INTEGER NOT NULL,
              PRIMARY KEY (model_type, file_path)
            )
            """,
            "CREATE INDEX models_sha256 ON models (model_type, sha256)"
          },
          // Download queue and history: the reference's download_queue.sqlite tables
          // (anchor-downloads §4.1), same columns and defaults.
          new String[] {
            """
            CREATE TABLE download_queue (
              download_id TEXT PRIMARY KEY,
              model_id INTEGER,
              model_version_id INTEGER,
              model_name TEXT NOT NULL DEFAULT '',
              version_name TEXT DEFAULT '',
              thumbnail_url TEXT DEFAULT '',
              source TEXT,
              file_params TEXT,
              status TEXT NOT NULL DEFAULT 'queued',
              priority INTEGER DEFAULT 0,
              progress INTEGER DEFAULT 0,
              bytes_downloaded INTEGER DEFAULT 0,
              total_bytes INTEGER,
              bytes_per_second REAL DEFAULT 0.0,
              error TEXT,
              file_path TEXT,
              added_at REAL NOT NULL,
              started_at REAL,
              completed_at REAL
            )
            """,
            "CREATE INDEX download_queue_order ON download_queue (priority DESC, added_at ASC)",
            """
            CREATE TABLE download_history (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              download_id TEXT,
              model_id INTEGER,
              model_version_id INTEGER,
              model_name TEXT NOT NULL DEFAULT '',
              version_name TEXT DEFAULT '',
              thumbnail_url TEXT DEFAULT '',
              file_params TEXT,
              status TEXT NOT NULL,
              error TEXT,
              file_path TEXT,
              bytes_downloaded INTEGER DEFAULT 0,
              total_bytes INTEGER,
              completed_at REAL NOT NULL,
              is_already_exists INTEGER DEFAULT 0
            )
            """,
            "CREATE INDEX download_history_completed ON download_history (completed_at DESC)",
            "CREATE UNIQUE INDEX download_history_download_id ON download_history (download_id)"
                + " WHERE download_id IS NOT NULL"
          },
          // Recipe cache: the whole recipe JSON (unknown keys included) with the stamp of its file,
          // and the full-text index whose rowid is the recipe row's (written in the same
          // transaction, so the text never lags the row).
          new String[] {
            """
            CREATE TABLE recipes (
              row_id INTEGER PRIMARY KEY,
              recipe_id TEXT NOT NULL UNIQUE,
              json_path TEXT NOT NULL UNIQUE,
              file_mtime INTEGER NOT NULL,
              file_size INTEGER NOT NULL,
              json TEXT NOT NULL
            )
            """,
            """
            CREATE VIRTUAL TABLE recipe_fts USING fts5(
              recipe_id UNINDEXED, title, tags, lora_names, lora_models, prompt, negative_prompt,
              tokenize = 'unicode61 remove_diacritics 2'
            )
            """
          },
          // Step 4. Downloaded-version history (anchor-downloads §4.2): which versions were ever
          // downloaded, kept when the file is later deleted, and which files of each.
          new String[] {
            """
            CREATE TABLE downloaded_model_versions (
              model_type TEXT NOT NULL,
              version_id INTEGER NOT NULL,
              model_id INTEGER,
              first_seen_at REAL NOT NULL,
              last_seen_at REAL NOT NULL,
              source TEXT,
              last_file_path TEXT,
              last_library_name TEXT,
              is_deleted_override INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (model_type, version_id)
            )
            """,
            "CREATE INDEX downloaded_model_versions_model"
                + " ON downloaded_model_versions (model_type, model_id)",
            """
            CREATE TABLE downloaded_version_files (
              model_type TEXT NOT NULL,
              version_id INTEGER NOT NULL,
              file_id INTEGER NOT NULL,
              file_name TEXT,
              downloaded_at REAL NOT NULL,
              PRIMARY KEY (model_type, version_id, file_id)
            )
            """
          },
          // Step 5 (ours). Where a queued download saves: the root and the folder under it that
          // download-model chose, so that a download cut off by a crash resumes into the same
          // folder from its .part. NULL root: the type's default root; NULL folder: the template.
          new String[] {
            "ALTER TABLE download_queue ADD COLUMN model_root TEXT",
            "ALTER TABLE download_queue ADD COLUMN relative_path TEXT"
          });

  private SchemaMigrations() {}

  /** The schema version this build writes. */
  static int latest() {
    return STEPS.size();
  }

  static void apply(Connection connection) throws SQLException {
    int version = currentVersion(connection);
    if (version > latest()) {
      throw new SQLException(
          "database schema "
              + version
              + " is newer than this build understands ("
              + latest()
              + ")");
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (int step = version; step < latest(); step++) {
        for (String sql : STEPS.get(step)) {
          statement.execute(sql);
        }
        statement.execute("PRAGMA user_version = " + (step + 1));
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
