package io.loramanager.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.sqlite.JDBC;

/**
 * The one SQLite database (WAL). Reads may run in parallel; writes go one at a time through {@link
 * #write}. A database that cannot be opened or migrated is moved aside and rebuilt: it is only a
 * cache of the files (DESIGN §4).
 */
@ApplicationScoped
public class Database {

  private static final Logger LOG = Logger.getLogger(Database.class);

  /** Work done inside one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final AgroalDataSource dataSource;
  private final Path file;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile boolean ready;

  @Inject
  public Database(AgroalDataSource dataSource, @ConfigProperty(name = "lm.data-dir") Path dataDir) {
    this.dataSource = dataSource;
    this.file = dataDir.resolve(DATABASE_FILE);
  }

  public static final String DATABASE_FILE = "lora-manager.db";

  public Path file() {
    return file;
  }

  /** Creates the folder, opens and migrates; a corrupt file is set aside once and rebuilt. */
  public synchronized void open() {
    if (ready) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create data directory " + file.getParent(), e);
    }
    try {
      migrate();
    } catch (SQLException e) {
      LOG.errorf(
          "Database %s is unusable (%s); moving it aside and rebuilding from the files",
          file, e.getMessage());
      setAside();
      try {
        migrate();
      } catch (SQLException again) {
        throw new IllegalStateException("Cannot create database " + file, again);
      }
    }
    ready = true;
  }

  /**
   * Migrates over a connection of its own, outside the pool, so that a corrupt file can be set
   * aside before any pooled connection holds it open.
   */
  private void migrate() throws SQLException {
    try (Connection connection = new JDBC().connect("jdbc:sqlite:" + file, new Properties())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=NORMAL");
      }
      SchemaMigrations.apply(connection);
    }
  }

  private void setAside() {
    Path aside = file.resolveSibling(DATABASE_FILE + ".corrupt-" + System.currentTimeMillis());
    try {
      if (Files.exists(file)) {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.deleteIfExists(file.resolveSibling(DATABASE_FILE + "-wal"));
      Files.deleteIfExists(file.resolveSibling(DATABASE_FILE + "-shm"));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot move aside corrupt database " + file, e);
    }
  }

  /** Runs read-only work. */
  public <T> T read(Work<T> work) {
    open();
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException("Database read failed: " + e.getMessage(), e);
    }
  }

  /** Runs work in one transaction, one writer at a time. */
  public <T> T write(Work<T> work) {
    open();
    writeLock.lock();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException("Database write failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }
}
