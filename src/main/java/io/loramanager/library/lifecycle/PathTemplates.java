package io.loramanager.library.lifecycle;

import io.loramanager.library.ModelType;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The folder template of each type as settings.json says now ({@code download_path_templates},
 * {@code base_model_path_mappings}, {@code priority_tags}); used by auto-organize, by moves with
 * {@code use_default_paths} and by downloads.
 */
@ApplicationScoped
public class PathTemplates {

  private final LibrarySettings settings;

  @Inject
  public PathTemplates(LibrarySettings settings) {
    this.settings = settings;
  }

  /** The template of a type, from the live settings. */
  public PathTemplate of(ModelType type) {
    return new PathTemplate(
        type,
        settings.pathTemplate(type.id()),
        settings.baseModelPathMappings(),
        PriorityTags.parse(settings.priorityTags(type.id())));
  }
}
