package io.loramanager.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings.json keys of path templates and auto-organize, and picking up file edits. */
class OrganizeSettingsTest {

  @TempDir Path dir;

  private LibrarySettings settings(String json) throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, json);
    return TestConfig.of(dir, dir.resolve("models")).withSettingsFile(file).librarySettings();
  }

  @Test
  void missingKeysGiveTheReferenceDefaults() throws Exception {
    LibrarySettings settings = settings("{}");

    assertThat(settings.pathTemplate("lora")).isEqualTo("{base_model}/{first_tag}");
    assertThat(settings.baseModelPathMappings()).isEmpty();
    assertThat(settings.priorityTags("embedding")).startsWith("character, concept, clothing");
    assertThat(settings.autoOrganizeExclusions()).isEmpty();
  }

  @Test
  void valuesAreReadAndMalformedOnesFallBack() throws Exception {
    LibrarySettings settings =
        settings(
            "{\"download_path_templates\": {\"lora\": \"\", \"checkpoint\": 3},"
                + " \"base_model_path_mappings\": {\"SD 1.5\": \"sd15\", \"bad\": 1},"
                + " \"priority_tags\": {\"lora\": \"style\"},"
                + " \"auto_organize_exclusions\": \"*.tmp, wip/*\"}");

    assertThat(settings.pathTemplate("lora")).isEmpty();
    assertThat(settings.pathTemplate("checkpoint")).isEqualTo("{base_model}/{first_tag}");
    assertThat(settings.baseModelPathMappings()).isEqualTo(Map.of("SD 1.5", "sd15"));
    assertThat(settings.priorityTags("lora")).isEqualTo("style");
    assertThat(settings.autoOrganizeExclusions()).isEqualTo(List.of("*.tmp, wip/*"));
  }

  @Test
  void aChangeThroughTheStoreAppliesAtOnce() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"download_path_templates\": {\"lora\": \"{author}\"}}");
    SettingsStore store =
        TestConfig.of(dir, dir.resolve("models")).withSettingsFile(file).settings();
    LibrarySettings settings = new LibrarySettings(store);
    assertThat(settings.pathTemplate("lora")).isEqualTo("{author}");

    store.update(d -> d.putObject("download_path_templates").put("lora", "{model_name}"));

    assertThat(settings.pathTemplate("lora")).isEqualTo("{model_name}");
  }
}
