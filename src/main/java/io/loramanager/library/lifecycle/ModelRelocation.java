package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.library.ModelMetadata;
import io.loramanager.library.PathNames;
import io.loramanager.library.SidecarStore;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves one model and its own companion files to a folder and base name, all or nothing: when one
 * file cannot move, the files already moved are put back. The sidecar moves last and is rewritten
 * ({@code file_name}, {@code file_path}, {@code preview_url}; every other key kept).
 */
public final class ModelRelocation {

  private static final Logger LOG = Logger.getLogger(ModelRelocation.class);

  private final FileMover mover;
  private final SidecarStore sidecars;

  public ModelRelocation(FileMover mover, SidecarStore sidecars) {
    this.mover = mover;
    this.sidecars = sidecars;
  }

  /** One file moved. */
  public record Step(Path from, Path to) {}

  /**
   * @param model the model file
   * @param folder the existing target folder
   * @param newBase the new name without extension
   * @param sidecar the model's sidecar as read before the move, or null when it has none
   * @return every file moved, the model first
   * @throws LmException 409 when a target name is taken, 503 when a file cannot move; in both cases
   *     every file is back in place
   */
  public List<Step> relocate(Path model, Path folder, String newBase, ModelMetadata sidecar) {
    String fileName = model.getFileName().toString();
    String oldBase = PathNames.baseName(fileName);
    String extension = fileName.substring(oldBase.length());
    List<Step> plan = new ArrayList<>();
    plan.add(new Step(model, folder.resolve(newBase + extension)));
    for (String suffix : CompanionFiles.present(model)) {
      plan.add(new Step(model.resolveSibling(oldBase + suffix), folder.resolve(newBase + suffix)));
    }
    List<Step> done = new ArrayList<>();
    for (Step step : plan) {
      try {
        mover.move(step.from(), step.to());
        done.add(step);
      } catch (IOException e) {
        throw failed(step, e, done);
      }
    }
    if (sidecar != null) {
      Path newSidecar = folder.resolve(newBase + SidecarStore.SUFFIX);
      rewrite(sidecar, newBase, newSidecar, done);
    }
    return List.copyOf(done);
  }

  private void rewrite(ModelMetadata sidecar, String newBase, Path newSidecar, List<Step> done) {
    String preview = sidecar.text("preview_url", "");
    var node = sidecar.node();
    node.put("file_name", newBase);
    node.put("file_path", PathNames.slashes(done.get(0).to()));
    for (Step step : done) {
      if (!preview.isEmpty() && PathNames.slashes(step.from()).equals(preview)) {
        node.put("preview_url", PathNames.slashes(step.to()));
      }
    }
    try {
      sidecars.write(newSidecar, sidecar);
    } catch (IOException e) {
      throw failed(new Step(newSidecar, newSidecar), e, done);
    }
  }

  private LmException failed(Step step, IOException e, List<Step> done) {
    List<String> stuck = rollBack(done);
    String action =
        step.from().equals(step.to())
            ? "Cannot rewrite " + step.to()
            : "Cannot move " + step.from() + " to " + step.to();
    String message =
        action
            + ": "
            + reason(e)
            + (stuck.isEmpty()
                ? "; nothing was moved"
                : "; these files could not be put back: " + String.join(", ", stuck));
    LmException.Kind kind =
        e instanceof FileAlreadyExistsException
            ? LmException.Kind.CONFLICT
            : LmException.Kind.UNAVAILABLE;
    return new LmException(kind, message, e);
  }

  /** Puts moved files back, last first; returns what could not be put back. */
  private List<String> rollBack(List<Step> done) {
    List<String> stuck = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0; i--) {
      Step step = done.get(i);
      try {
        mover.move(step.to(), step.from());
      } catch (IOException e) {
        LOG.errorf("Cannot put %s back to %s: %s", step.to(), step.from(), e);
        stuck.add(step.to() + " (" + reason(e) + ")");
      }
    }
    return stuck;
  }

  static String reason(IOException e) {
    if (e instanceof FileAlreadyExistsException) {
      return "the target already exists";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
