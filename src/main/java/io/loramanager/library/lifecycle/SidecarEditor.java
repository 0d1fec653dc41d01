package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.CatalogUpdater;
import io.loramanager.library.CorruptSidecarException;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelFileProcessor;
import io.loramanager.library.ModelLookup;
import io.loramanager.library.ModelMetadata;
import io.loramanager.library.ModelReader;
import io.loramanager.library.ModelType;
import io.loramanager.library.SidecarStore;
import io.loramanager.storage.AtomicFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Edits one model's sidecar as the type's only catalogue writer: reads it, applies an {@link Edit},
 * writes it atomically, then re-reads the model as a scan would so that the catalogue and SQLite
 * follow the file. A failed write leaves the sidecar and the catalogue as they were.
 */
@ApplicationScoped
public class SidecarEditor {

  private final ModelCatalog catalog;
  private final ModelLookup lookup;
  private final SidecarStore sidecars;
  private final ModelReader reader;
  private final CatalogUpdater updater;

  @Inject
  public SidecarEditor(
      ModelCatalog catalog,
      ModelLookup lookup,
      SidecarStore sidecars,
      ModelReader reader,
      CatalogUpdater updater) {
    this.catalog = catalog;
    this.lookup = lookup;
    this.sidecars = sidecars;
    this.reader = reader;
    this.updater = updater;
  }

  /** A change of a sidecar, with hooks for files that must change together with it. */
  public interface Edit {

    /** Changes the sidecar tree in place; may prepare files (nothing final yet). */
    void apply(ModelEntry entry, ObjectNode sidecar) throws IOException;

    /** Runs once the sidecar is written; a failure here restores the old sidecar. */
    default void committed() throws IOException {}

    /** Runs when the sidecar could not be written (or {@link #committed} failed). */
    default void abandoned() {}
  }

  /**
   * Applies {@code edit} to the sidecar of the catalogued model at {@code filePath}.
   *
   * @return the model's new catalogue entry
   */
  public ModelEntry edit(ModelType type, String filePath, Edit edit) {
    return catalog.change(type, () -> editLocked(type, filePath, edit));
  }

  /**
   * The catalogued model at a path from a request: 400 when the path lies outside the type's roots
   * (after {@code ..} is resolved), 404 when no such model is catalogued or its file is gone.
   */
  public ModelEntry catalogued(ModelType type, String filePath) {
    if (filePath != null && !filePath.isBlank()) {
      Path path;
      try {
        path = Path.of(filePath.trim());
      } catch (InvalidPathException e) {
        throw LmException.badInput("Invalid path: " + e.getReason());
      }
      if (!path.isAbsolute() || reader.rootOf(type, path).isEmpty()) {
        throw LmException.badInput(
            "Path '" + filePath + "' is outside the configured " + type.label() + " folders");
      }
    }
    ModelEntry entry = lookup.byPath(type, filePath);
    if (!Files.isRegularFile(Path.of(entry.filePath()))) {
      throw LmException.notFound(
          type.label()
              + " file is no longer on disk: "
              + entry.filePath()
              + " (rescan to drop it)");
    }
    return entry;
  }

  private ModelEntry editLocked(ModelType type, String filePath, Edit edit) {
    ModelEntry entry = catalogued(type, filePath);
    Path model = Path.of(entry.filePath());
    Path sidecarPath = SidecarStore.sidecarOf(model);
    ModelMetadata current = readOrCreate(type, model, sidecarPath);
    ObjectNode edited = current.node().deepCopy();
    boolean written = false;
    // Named in the error so that the client learns which step failed.
    String step = "Cannot prepare the change of ";
    try {
      edit.apply(entry, edited);
      ModelMetadata checked = check(edited);
      byte[] original = null;
      if (!edited.equals(current.node())) {
        step = "Cannot write the sidecar of ";
        original = Files.readAllBytes(sidecarPath);
        sidecars.write(sidecarPath, checked);
      }
      written = true;
      step = "Cannot put in place the new files of ";
      commit(edit, sidecarPath, original);
    } catch (IOException e) {
      if (!written) {
        edit.abandoned();
      }
      throw unavailable(step + entry.filePath(), e);
    } catch (RuntimeException e) {
      if (!written) {
        edit.abandoned();
      }
      throw e;
    }
    return recatalogue(type, model);
  }

  /** Runs the edit's follow-up; on failure the old sidecar bytes (if replaced) go back. */
  private static void commit(Edit edit, Path sidecarPath, byte[] original) throws IOException {
    try {
      edit.committed();
    } catch (IOException | RuntimeException e) {
      edit.abandoned();
      if (original != null) {
        AtomicFiles.write(sidecarPath, original);
      }
      throw e;
    }
  }

  private static ModelMetadata check(ObjectNode edited) {
    try {
      return ModelMetadata.of(edited);
    } catch (CorruptSidecarException e) {
      throw LmException.badInput("The change would corrupt the sidecar: " + e.getMessage());
    }
  }

  /** The sidecar; a model catalogued without one gets the default a scan would write. */
  private ModelMetadata readOrCreate(ModelType type, Path model, Path sidecarPath) {
    try {
      ModelMetadata meta = sidecars.read(sidecarPath);
      if (meta == null) {
        recatalogue(type, model);
        meta = sidecars.read(sidecarPath);
      }
      if (meta == null) {
        throw LmException.conflict("The sidecar of " + model + " could not be created");
      }
      return meta;
    } catch (CorruptSidecarException e) {
      throw LmException.conflict("Sidecar of " + model + " is corrupt: " + e.getMessage());
    } catch (IOException e) {
      throw unavailable("Cannot read the sidecar of " + model, e);
    }
  }

  private ModelEntry recatalogue(ModelType type, Path model) {
    ModelFileProcessor.Outcome outcome;
    try {
      outcome = reader.read(type, model);
    } catch (IOException e) {
      throw unavailable("Cannot read " + model, e);
    } catch (IllegalArgumentException e) {
      // The file vanished or changed type while we worked: the catalogue must not guess.
      throw LmException.conflict(e.getMessage());
    }
    if (outcome instanceof ModelFileProcessor.Catalogued catalogued) {
      updater.apply(type, List.of(catalogued.entry()), List.of());
      return catalogued.entry();
    }
    ModelFileProcessor.Problem problem = (ModelFileProcessor.Problem) outcome;
    throw LmException.conflict(model + ": " + problem.problem().error());
  }

  /** A storage failure, named with the operating system's reason (e.g. no space left). */
  static LmException unavailable(String what, IOException e) {
    return new LmException(LmException.Kind.UNAVAILABLE, what + ": " + reason(e), e);
  }

  /** The OS reason; exceptions that carry only a path get their kind named. */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null
        ? name
        : (e instanceof FileSystemException ? name + " " : "") + e.getMessage();
  }
}
