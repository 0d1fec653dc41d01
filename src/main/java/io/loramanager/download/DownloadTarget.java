package io.loramanager.download;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.civitai.BaseModels;
import io.loramanager.errors.LmException;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.lifecycle.PathTemplate;
import io.loramanager.library.lifecycle.PathTemplates;
import io.loramanager.library.lifecycle.TemplateValues;
import io.loramanager.library.lifecycle.UniqueNames;
import io.loramanager.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a downloaded model goes: the root (given, or the type's default), the folder (given, or the
 * type's path template), confined to the type's roots, and a file name no other file has.
 */
@ApplicationScoped
public class DownloadTarget {

  private static final String DIFFUSION_MODEL = "diffusion_model";

  private final LibraryRoots roots;
  private final SettingsStore settings;
  private final PathTemplates templates;

  @Inject
  public DownloadTarget(LibraryRoots roots, SettingsStore settings, PathTemplates templates) {
    this.roots = roots;
    this.settings = settings;
    this.templates = templates;
  }

  /**
   * A chosen root and the folder under it that the download saves into.
   *
   * @param root the normalised absolute root
   * @param folder the folder inside {@code root}
   */
  record Place(Path root, Path folder) {

    /** The folder relative to the root, with forward slashes ("" for the root itself). */
    String relativePath() {
      return PathNames.slashes(root.relativize(folder));
    }
  }

  /**
   * Where to save (§3.2 step 10): the given root plus the relative path; with {@code
   * use_default_paths} the path template's folder under the type's default root, or under the given
   * root with {@code use_save_dir_as_root}; 400 outside the type's roots.
   */
  Place place(ModelType type, DownloadSpec spec, JsonNode version) {
    List<ModelRoot> typeRoots = roots.of(type);
    String rootText = spec.modelRoot() == null ? "" : spec.modelRoot();
    if (spec.useDefaultPaths() && (rootText.isBlank() || !spec.useSaveDirAsRoot())) {
      // Diffusion models that Civitai calls checkpoints go to the unet root (§3.2 step 8).
      boolean unet = type == ModelType.CHECKPOINT && DiffusionModels.isDiffusionModel(version);
      String key = unet ? "unet" : type.id();
      rootText = settings.string("default_" + key + "_root", "");
      List<ModelRoot> candidates =
          unet
              ? typeRoots.stream().filter(r -> DIFFUSION_MODEL.equals(r.subType())).toList()
              : typeRoots;
      if (rootText.isBlank() && !candidates.isEmpty()) {
        rootText = candidates.get(0).path().toString();
      }
      if (rootText.isBlank()) {
        throw new ModelDownload.Refused("Default " + key + " root path not set in settings");
      }
    }
    if (rootText.isBlank()) {
      throw new ModelDownload.Refused("No save directory specified");
    }
    Path root = Path.of(rootText).toAbsolutePath().normalize();
    String relative = spec.useDefaultPaths() ? templateFolder(type, version) : spec.relativePath();
    Path folder = root.resolve(relative.replace('\\', '/')).normalize();
    boolean inside =
        typeRoots.stream()
            .map(r -> r.path().toAbsolutePath().normalize())
            .anyMatch(r -> root.startsWith(r) && folder.startsWith(r));
    if (!inside || !folder.startsWith(root)) {
      throw LmException.badInput("Download path is outside allowed directory");
    }
    return new Place(root, folder);
  }

  /**
   * The checkpoint sub-type of the root that holds {@code file} ({@code diffusion_model} under a
   * unet root), as a scan would give it; empty for other types and roots.
   */
  Optional<String> rootSubType(ModelType type, Path file) {
    Path normal = file.toAbsolutePath().normalize();
    return roots.of(type).stream()
        .filter(r -> normal.startsWith(r.path().toAbsolutePath().normalize()))
        .map(ModelRoot::subType)
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /** The folder the type's {@code download_path_templates} entry gives for this version. */
  private String templateFolder(ModelType type, JsonNode version) {
    PathTemplate template = templates.of(type);
    if (template.flat()) {
      return "";
    }
    JsonNode model = version.path("model");
    List<String> tags = new ArrayList<>();
    model.path("tags").forEach(t -> tags.add(t.asText()));
    return template.relativePath(
        new TemplateValues(
            BaseModels.normalise(version.path("baseModel").asText(null)),
            tags,
            // Civitai puts the creator on the version (enriched from its model), not in "model".
            version.path("creator").path("username").asText(null),
            model.path("name").asText(null),
            version.path("name").asText(null)));
  }

  /** {@code name}, or by the library's unique-name rule when a file has that name already. */
  static Path freeName(Path folder, String name, String sha256) {
    String base = PathNames.baseName(name);
    String ext = name.substring(base.length());
    String free = UniqueNames.choose(base, sha256, b -> !Files.exists(folder.resolve(b + ext)));
    return folder.resolve(free + ext).normalize();
  }
}
