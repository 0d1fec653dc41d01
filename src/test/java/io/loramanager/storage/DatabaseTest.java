package io.loramanager.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database on a real SQLite file through a real Agroal pool. */
class DatabaseTest {

  @TempDir Path dataDir;

  private AgroalDataSource dataSource;

  private Database open() throws SQLException {
    Path file = dataDir.resolve(Database.DATABASE_FILE);
    dataSource =
        AgroalDataSource.from(
            new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(
                    pool ->
                        pool.maxSize(2)
                            .connectionFactoryConfiguration(
                                factory ->
                                    factory
                                        .connectionProviderClass(org.sqlite.JDBC.class)
                                        .jdbcUrl("jdbc:sqlite:" + file))));
    Database database = new Database(dataSource, dataDir);
    database.open();
    return database;
  }

  @AfterEach
  void close() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @Test
  void openCreatesTheSchemaInWalMode() throws Exception {
    Database database = open();

    assertThat(database.read(SchemaMigrations::currentVersion))
        .isEqualTo(SchemaMigrations.latest());
    String journal = database.read(c -> text(c.createStatement(), "PRAGMA journal_mode"));
    assertThat(journal).isEqualTo("wal");
    assertThat(database.file()).isEqualTo(dataDir.resolve("lora-manager.db"));
  }

  @Test
  void writeCommitsAndAFailedWriteRollsBack() throws Exception {
    Database database = open();
    database.write(c -> insert(c, "a"));

    assertThatThrownBy(
            () ->
                database.write(
                    c -> {
                      insert(c, "b");
                      throw new SQLException("boom");
                    }))
        .isInstanceOf(StorageException.class)
        .hasMessage("Database write failed: boom");

    String paths =
        database.read(c -> text(c.createStatement(), "SELECT group_concat(file_path) FROM models"));
    assertThat(paths).isEqualTo("a");
  }

  @Test
  void corruptDatabaseIsMovedAsideAndRebuilt() throws Exception {
    Files.writeString(
        dataDir.resolve("lora-manager.db"), "this is not a database, just bytes ".repeat(200));

    Database database = open();

    assertThat(database.read(SchemaMigrations::currentVersion))
        .isEqualTo(SchemaMigrations.latest());
    try (Stream<Path> files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("lora-manager.db.corrupt-"));
    }
  }

  @Test
  void readFailureIsAStorageException() throws Exception {
    Database database = open();

    assertThatThrownBy(() -> database.read(c -> text(c.createStatement(), "SELECT * FROM nowhere")))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("Database read failed: ");
  }

  private static Void insert(java.sql.Connection c, String path) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO models (model_type, file_path, file_name, model_name, folder, size,"
                + " modified, sha256, base_model, preview_url, preview_nsfw_level, from_civitai,"
                + " favorite, exclude, db_checked, civitai_deleted, skip_metadata_refresh, notes,"
                + " usage_tips, last_checked_at, hash_status, hf_url, tags, license_flags,"
                + " file_size, file_mtime, sidecar_size, sidecar_mtime) VALUES ('lora', ?, '', '',"
                + " '', 0, 0, '', '', '', 0, 0, 0, 0, 0, 0, 0, '', '', 0, 'completed', '', '[]',"
                + " 113, 0, 0, 0, 0)")) {
      insert.setString(1, path);
      insert.executeUpdate();
    }
    return null;
  }

  private static String text(Statement statement, String sql) throws SQLException {
    try (statement;
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
