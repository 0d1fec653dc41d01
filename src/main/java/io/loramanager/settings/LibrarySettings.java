package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings the library reads at query time, with the reference defaults. */
@ApplicationScoped
public class LibrarySettings {

  private final SettingsStore store;

  @Inject
  public LibrarySettings(SettingsStore store) {
    this.store = store;
  }

  /** {@code model_name_display}: sort and show by {@code model_name} or {@code file_name}. */
  public boolean displayFileName() {
    return "file_name".equals(store.string("model_name_display", "model_name"));
  }

  /** {@code show_only_sfw}: hide items whose preview is rated R or above. */
  public boolean showOnlySfw() {
    return store.bool("show_only_sfw", false);
  }

  /** {@code version_grouping}: group versions by model and base model ("same_base"). */
  public boolean groupBySameBase() {
    return "same_base".equals(store.string("version_grouping", "same_base"));
  }

  /** {@code lora_syntax_format == "full"} turns off file-name conflict reporting. */
  public boolean fullLoraSyntax() {
    return "full".equals(store.string("lora_syntax_format", "legacy"));
  }

  /** {@code civitai_host}: host of model page links. */
  public String civitaiHost() {
    String host = store.string("civitai_host", "civitai.com");
    return host.isBlank() ? "civitai.com" : host;
  }

  /** {@code use_new_license_icons}: a UI preference echoed by {@code preview-url}. */
  public boolean useNewLicenseIcons() {
    return store.bool("use_new_license_icons", false);
  }

  /** {@code hash_chunk_size_mb}: read size when hashing; non-positive falls back to 4. */
  public int hashChunkBytes() {
    int mb = store.integer("hash_chunk_size_mb", 4);
    return (mb > 0 && mb <= 256 ? mb : 4) * 1024 * 1024;
  }

  /** The folder template used when {@code download_path_templates} has none for a type. */
  public static final String DEFAULT_PATH_TEMPLATE = "{base_model}/{first_tag}";

  /** The {@code priority_tags} of every type when the setting has none. */
  public static final String DEFAULT_PRIORITY_TAGS =
      "character, concept, clothing, realistic, anime, toon, furry, style, poses, background,"
          + " tool, vehicle, buildings, objects, assets, animal, action";

  /**
   * {@code download_path_templates[typeId]}: the folder template of a type ({@code lora}, {@code
   * checkpoint}, {@code embedding}); missing or not a string gives the default, {@code ""} means
   * flat.
   */
  public String pathTemplate(String typeId) {
    JsonNode template = node("download_path_templates").path(typeId);
    return template.isTextual() ? template.asText() : DEFAULT_PATH_TEMPLATE;
  }

  /** {@code base_model_path_mappings}: base model name to folder name (string values only). */
  public Map<String, String> baseModelPathMappings() {
    Map<String, String> mappings = new LinkedHashMap<>();
    node("base_model_path_mappings")
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isTextual()) {
                mappings.put(field.getKey(), field.getValue().asText());
              }
            });
    return mappings;
  }

  /** {@code priority_tags[typeId]}: the comma-separated priority entries of a type. */
  public String priorityTags(String typeId) {
    JsonNode tags = node("priority_tags").path(typeId);
    return tags.isTextual() ? tags.asText() : DEFAULT_PRIORITY_TAGS;
  }

  /** {@code auto_organize_exclusions}: glob patterns (a list, or one comma-separated string). */
  public List<String> autoOrganizeExclusions() {
    JsonNode node = node("auto_organize_exclusions");
    List<String> patterns = new ArrayList<>();
    if (node.isTextual()) {
      patterns.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(item -> patterns.add(item.isTextual() ? item.asText() : ""));
    }
    return patterns;
  }

  private JsonNode node(String key) {
    JsonNode value = store.current().value(key);
    return value == null ? MissingNode.getInstance() : value;
  }
}
