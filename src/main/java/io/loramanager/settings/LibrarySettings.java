package io.loramanager.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
}
