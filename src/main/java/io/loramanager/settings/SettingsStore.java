package io.loramanager.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The one owner of the live settings: the reference-format {@code settings.json}, read at start (a
 * missing file means defaults), every key kept (unknown ones too). Readers take {@link #current()}
 * on each use and never cache it; {@link #update} is the only way to change it and fires {@link
 * SettingsChanged}.
 */
@ApplicationScoped
public class SettingsStore {

  private static final Logger LOG = Logger.getLogger(SettingsStore.class);

  private final LmConfig config;
  private final JsonFiles json;
  private final Object writes = new Object();
  private final Optional<String> startupProblem;
  private volatile SettingsSnapshot current;

  /** Absent when the store is built without CDI (unit tests): changes are then not announced. */
  @Inject Event<SettingsChanged> changes;

  @Inject
  public SettingsStore(LmConfig config, JsonFiles json) {
    this.config = config;
    this.json = json;
    Path file = file();
    String problem = null;
    ObjectNode document = json.mapper().createObjectNode();
    if (Files.isRegularFile(file)) {
      try {
        document = json.readObject(file);
      } catch (IOException e) {
        // Never overwrite a file we could not read: run on defaults and say why.
        problem = reason(e);
        LOG.errorf("Settings file %s is unreadable (%s); using defaults", file, problem);
      }
    }
    this.startupProblem = Optional.ofNullable(problem);
    this.current = new SettingsSnapshot(document);
  }

  /** Where the settings live: {@code lm.settings-file}, else {@code settings.json} in data. */
  public Path file() {
    return config.settingsFile().orElse(config.dataDir().resolve("settings.json"));
  }

  /** The live settings; take it again on each use to see changes. */
  public SettingsSnapshot current() {
    return current;
  }

  /** Why the settings file could not be read at start (defaults were used), if it could not. */
  public Optional<String> startupProblem() {
    return startupProblem;
  }

  /**
   * Changes the settings: {@code change} edits {@code settings.json} as it is on disk now (so hand
   * edits made while the server runs are kept), the result is written atomically, published, and
   * announced with {@link SettingsChanged}. All or nothing: when {@code change} throws, or the file
   * cannot be read or written, nothing changes.
   *
   * @return the settings now live
   * @throws LmException conflict when the file on disk is not a JSON object (it is left untouched);
   *     unavailable when it cannot be written
   */
  public SettingsSnapshot update(Consumer<ObjectNode> change) {
    synchronized (writes) {
      Path file = file();
      ObjectNode onDisk = readForUpdate(file);
      ObjectNode next = onDisk.deepCopy();
      change.accept(next);
      if (!next.equals(onDisk)) {
        write(file, next); // a change that changes nothing writes nothing (nor creates the file)
      }
      SettingsSnapshot before = current;
      if (next.equals(before.document())) {
        return before;
      }
      SettingsSnapshot after = new SettingsSnapshot(next);
      current = after;
      if (changes != null) {
        changes.fire(new SettingsChanged(before, after));
      }
      return after;
    }
  }

  private ObjectNode readForUpdate(Path file) {
    if (!Files.exists(file)) {
      return json.mapper().createObjectNode();
    }
    try {
      return json.readObject(file);
    } catch (IOException e) {
      throw LmException.conflict(
          "Settings file "
              + file.toAbsolutePath()
              + " cannot be read ("
              + reason(e)
              + "); fix or remove it. Nothing was saved.");
    }
  }

  private void write(Path file, ObjectNode document) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      json.write(file, document);
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE,
          "Cannot save settings to " + file.toAbsolutePath() + ": " + reason(e),
          e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof JsonProcessingException parse) {
      JsonLocation at = parse.getLocation();
      return parse.getOriginalMessage()
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** A copy of every key, unknown ones included. */
  public ObjectNode snapshot() {
    return current.document();
  }

  /** Paths of {@code folder_paths.<name>} then {@code extra_folder_paths.<name>}. */
  public List<String> folderPaths(String name) {
    return current.folderPaths(name);
  }

  /** True when {@code folder_paths} names at least one folder of any kind. */
  public boolean hasFolderPaths() {
    return current.hasFolderPaths();
  }

  public String string(String key, String fallback) {
    return current.string(key, fallback);
  }

  public boolean bool(String key, boolean fallback) {
    return current.bool(key, fallback);
  }

  public int integer(String key, int fallback) {
    return current.integer(key, fallback);
  }
}
