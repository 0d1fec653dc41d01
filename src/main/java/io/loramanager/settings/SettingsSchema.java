package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys of the reference's {@code settings.json} that this server knows (anchor-api §3.8,
 * anchor-library §6.2): the shape each value must have, the reference default where it has one,
 * which keys are secrets and which {@code GET /api/lm/settings} leaves out. Any other key is kept
 * as given.
 */
final class SettingsSchema {

  /** A known key; {@code defaultValue} is null when the reference has none. */
  record Key(String name, SettingRule rule, Object defaultValue) {}

  /** The root keys of a library; the top-level copies mirror the active library. */
  static final List<String> LIBRARY_ROOT_KEYS =
      List.of(
          "folder_paths",
          "extra_folder_paths",
          "default_lora_root",
          "default_checkpoint_root",
          "default_unet_root",
          "default_embedding_root",
          "recipes_path");

  /** Never returned by GET, which says with {@code <key>_set} whether one is stored. */
  static final Set<String> SECRETS = Set.of("civitai_api_key", "llm_api_key", "proxy_password");

  /** Unknown keys whose name says they hold a secret are masked the same way. */
  static final Pattern SECRET_NAME =
      Pattern.compile(".*(api_key|apikey|password|secret|token)$", Pattern.CASE_INSENSITIVE);

  /** Left out of GET as in the reference (roots have their own endpoints). */
  static final Set<String> NOT_SHOWN =
      Set.of(
          "hash_chunk_size_mb",
          "download_stall_timeout_seconds",
          "folder_paths",
          "libraries",
          "active_library");

  /** Written only by {@code settings/libraries/activate}. */
  static final String ACTIVE_LIBRARY = "active_library";

  static final String PRIORITY_TAGS =
      "character, concept, clothing, realistic, anime, toon, furry, style, poses, background,"
          + " tool, vehicle, buildings, objects, assets, animal, action";

  static final SettingRule LIBRARIES =
      (key, value) -> {
        if (!value.isObject()) {
          return key + " must be an object of named libraries";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> library = it.next();
          String name = key + "." + library.getKey();
          if (library.getKey().isBlank()) {
            return key + " must not contain a library without a name";
          }
          if (!library.getValue().isObject()) {
            return name + " must be an object";
          }
          for (String rootKey : LIBRARY_ROOT_KEYS) {
            JsonNode root = library.getValue().get(rootKey);
            if (root != null) {
              SettingRule rule =
                  rootKey.endsWith("folder_paths") ? SettingRule.FOLDER_MAP : SettingRule.TEXT;
              String problem = rule.check(name + "." + rootKey, root);
              if (problem != null) {
                return problem;
              }
            }
          }
        }
        return null;
      };

  static final Map<String, Key> KEYS = keys();

  private SettingsSchema() {}

  private static Map<String, Key> keys() {
    Map<String, Key> keys = new LinkedHashMap<>();
    Object none = null;
    add(keys, "civitai_api_key", SettingRule.TEXT, "");
    add(keys, "civitai_host", SettingRule.HOST, "civitai.com");
    add(keys, "download_backend", SettingRule.oneOf("default", "aria2"), "default");
    add(keys, "aria2c_path", SettingRule.TEXT, "");
    add(keys, "use_portable_settings", SettingRule.FLAG, false);
    add(keys, "hash_chunk_size_mb", SettingRule.wholeNumber(1, 256), 4);
    add(keys, "download_stall_timeout_seconds", SettingRule.wholeNumber(1, 86_400), none);
    // Ours, not the reference's: downloads at once, over lm.download.max-concurrent, live.
    add(keys, "max_concurrent_downloads", SettingRule.wholeNumber(1, 50), none);
    add(keys, "language", SettingRule.TEXT, "en");
    add(keys, "show_only_sfw", SettingRule.FLAG, false);
    add(keys, "onboarding_completed", SettingRule.FLAG, false);
    add(keys, "dismissed_banners", SettingRule.TEXTS, List.of());
    add(keys, "enable_metadata_archive_db", SettingRule.FLAG, false);
    add(keys, "enable_civarchive_api", SettingRule.FLAG, true);
    add(
        keys,
        "metadata_provider_order",
        SettingRule.oneOf("civitai_archive_sqlite", "civitai_sqlite_archive"),
        "civitai_archive_sqlite");
    add(keys, "proxy_enabled", SettingRule.FLAG, false);
    add(keys, "proxy_host", SettingRule.TEXT, "");
    add(keys, "proxy_port", SettingRule.PORT, "");
    add(keys, "proxy_username", SettingRule.TEXT, "");
    add(keys, "proxy_password", SettingRule.TEXT, "");
    add(keys, "proxy_type", SettingRule.oneOf("http", "https", "socks4", "socks5"), "http");
    add(keys, "default_lora_root", SettingRule.TEXT, "");
    add(keys, "default_checkpoint_root", SettingRule.TEXT, "");
    add(keys, "default_unet_root", SettingRule.TEXT, "");
    add(keys, "default_embedding_root", SettingRule.TEXT, "");
    add(keys, "recipes_path", SettingRule.TEXT, "");
    add(keys, "base_model_path_mappings", SettingRule.TEXT_MAP, Map.of());
    add(keys, "download_path_templates", SettingRule.TEXT_MAP, Map.of());
    add(keys, "folder_paths", SettingRule.FOLDER_MAP, Map.of());
    add(keys, "extra_folder_paths", SettingRule.FOLDER_MAP, none);
    add(keys, "example_images_path", SettingRule.EXISTING_FOLDER, "");
    add(keys, "example_images_open_mode", SettingRule.TEXT, none);
    add(keys, "example_images_local_root", SettingRule.TEXT, none);
    add(keys, "example_images_open_uri_template", SettingRule.TEXT, none);
    add(keys, "optimize_example_images", SettingRule.FLAG, true);
    add(keys, "auto_download_example_images", SettingRule.FLAG, false);
    add(keys, "blur_mature_content", SettingRule.FLAG, true);
    add(keys, "mature_blur_level", SettingRule.oneOf("PG13", "R", "X", "XXX"), "R");
    add(keys, "autoplay_on_hover", SettingRule.FLAG, false);
    add(keys, "display_density", SettingRule.TEXT, "default");
    add(keys, "recipes_layout", SettingRule.TEXT, none);
    add(keys, "card_info_display", SettingRule.TEXT, "always");
    add(keys, "include_trigger_words", SettingRule.FLAG, false);
    add(keys, "compact_mode", SettingRule.FLAG, false);
    add(keys, "priority_tags", SettingRule.TEXT_MAP, priorityTags());
    add(keys, "model_name_display", SettingRule.oneOf("model_name", "file_name"), "model_name");
    add(keys, "lora_syntax_format", SettingRule.TEXT, "legacy");
    add(keys, "model_card_footer_action", SettingRule.TEXT, "example_images");
    add(keys, "show_version_on_card", SettingRule.FLAG, none);
    add(keys, "version_grouping", SettingRule.TEXT, "same_base");
    add(keys, "auto_organize_exclusions", SettingRule.TEXTS, List.of());
    add(keys, "metadata_refresh_skip_paths", SettingRule.TEXTS, List.of());
    add(keys, "skip_previously_downloaded_model_versions", SettingRule.FLAG, none);
    add(keys, "download_skip_base_models", SettingRule.TEXTS, none);
    add(keys, "backup_auto_enabled", SettingRule.FLAG, none);
    add(keys, "backup_retention_count", SettingRule.wholeNumber(1, 1000), none);
    add(keys, "use_new_license_icons", SettingRule.FLAG, false);
    add(keys, "group_by_model", SettingRule.FLAG, false);
    add(keys, "hide_early_access_updates", SettingRule.FLAG, none);
    add(keys, "hide_paid_updates", SettingRule.FLAG, none);
    add(keys, "update_channel", SettingRule.oneOf("release", "nightly"), none);
    add(keys, "llm_provider", SettingRule.TEXT, none);
    add(keys, "llm_api_key", SettingRule.TEXT, none);
    add(keys, "llm_api_base", SettingRule.TEXT, none);
    add(keys, "llm_model", SettingRule.TEXT, none);
    add(keys, "libraries", LIBRARIES, none);
    return Map.copyOf(keys);
  }

  /** The same tags for every type, in the reference's order of types. */
  private static Map<String, String> priorityTags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("lora", PRIORITY_TAGS);
    tags.put("checkpoint", PRIORITY_TAGS);
    tags.put("embedding", PRIORITY_TAGS);
    return Collections.unmodifiableMap(tags);
  }

  private static void add(Map<String, Key> keys, String name, SettingRule rule, Object value) {
    keys.put(name, new Key(name, rule, value));
  }

  /** True for the known secrets and for unknown keys whose name says they are one. */
  static boolean isSecret(String key) {
    return SECRETS.contains(key) || (!KEYS.containsKey(key) && SECRET_NAME.matcher(key).matches());
  }
}
