package io.loramanager.library;

import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The model folders of each type (anchor-library §1.1): from {@code settings.json} {@code
 * folder_paths} and {@code extra_folder_paths}, else the sub-folders of {@code lm.models-dir}.
 * Missing folders are dropped, the same physical folder is kept once (first spelling wins,
 * checkpoints over unet), and roots are sorted case-insensitively.
 */
@ApplicationScoped
public class LibraryRoots {

  private static final Logger LOG = Logger.getLogger(LibraryRoots.class);
  private static final String CHECKPOINT = "checkpoint";
  private static final String DIFFUSION_MODEL = "diffusion_model";

  private final LmConfig config;
  private final SettingsStore settings;
  private volatile Map<ModelType, List<ModelRoot>> roots;

  @Inject
  public LibraryRoots(LmConfig config, SettingsStore settings) {
    this.config = config;
    this.settings = settings;
  }

  /** The roots of a type as last resolved. */
  public List<ModelRoot> of(ModelType type) {
    Map<ModelType, List<ModelRoot>> current = roots;
    if (current == null) {
      current = refresh();
    }
    return current.get(type);
  }

  /** Every root of every type. */
  public List<ModelRoot> all() {
    List<ModelRoot> all = new ArrayList<>();
    for (ModelType type : ModelType.values()) {
      all.addAll(of(type));
    }
    return all;
  }

  /** Resolves the roots again from settings and the disk (folders may have appeared). */
  public synchronized Map<ModelType, List<ModelRoot>> refresh() {
    Map<ModelType, List<ModelRoot>> resolved = new EnumMap<>(ModelType.class);
    resolved.put(ModelType.LORA, prepare(candidates("loras", null, "loras")));
    List<Candidate> checkpoints = candidates("checkpoints", CHECKPOINT, "checkpoints");
    checkpoints.addAll(candidates("unet", DIFFUSION_MODEL, "diffusion_models", "unet"));
    checkpoints.addAll(settingsCandidates("diffusers", DIFFUSION_MODEL));
    resolved.put(ModelType.CHECKPOINT, prepare(checkpoints));
    resolved.put(ModelType.EMBEDDING, prepare(candidates("embeddings", null, "embeddings")));
    roots = resolved;
    return resolved;
  }

  private record Candidate(String path, String subType) {}

  private List<Candidate> candidates(String key, String subType, String... defaultFolders) {
    List<Candidate> found = new ArrayList<>();
    // The default folders stand in for folder_paths; extra_folder_paths add to either.
    if (!settings.hasFolderPaths()) {
      for (String folder : defaultFolders) {
        found.add(new Candidate(config.modelsDir().resolve(folder).toString(), subType));
      }
    }
    found.addAll(settingsCandidates(key, subType));
    return found;
  }

  private List<Candidate> settingsCandidates(String key, String subType) {
    List<Candidate> found = new ArrayList<>();
    for (String path : settings.folderPaths(key)) {
      found.add(new Candidate(path, subType));
    }
    return found;
  }

  private static List<ModelRoot> prepare(List<Candidate> candidates) {
    List<ModelRoot> prepared = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Candidate candidate : candidates) {
      Path path = Path.of(candidate.path()).toAbsolutePath().normalize();
      if (!Files.isDirectory(path)) {
        continue;
      }
      Path real;
      try {
        real = path.toRealPath();
      } catch (IOException e) {
        LOG.warnf("Ignoring model folder %s: %s", path, e.getMessage());
        continue;
      }
      if (!seen.add(real)) {
        LOG.debugf("Model folder %s is already configured; kept once", path);
        continue;
      }
      prepared.add(new ModelRoot(path, real, candidate.subType()));
    }
    prepared.sort(Comparator.comparing(root -> root.display().toLowerCase(Locale.ROOT)));
    return List.copyOf(prepared);
  }
}
