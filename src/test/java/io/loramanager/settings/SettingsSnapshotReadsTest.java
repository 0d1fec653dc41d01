package io.loramanager.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Typed reads of one settings version; what a reader gets cannot change the version. */
class SettingsSnapshotReadsTest {

  private static SettingsSnapshot of(String json) throws Exception {
    return new SettingsSnapshot((ObjectNode) new ObjectMapper().readTree(json));
  }

  @Test
  void typedReadsFallBackWhenAbsentOrOfAnotherType() throws Exception {
    SettingsSnapshot settings =
        of("{\"s\": \"text\", \"b\": true, \"i\": 7, \"wrong_b\": \"true\", \"wrong_i\": \"7\"}");

    assertThat(settings.string("s", "x")).isEqualTo("text");
    assertThat(settings.string("b", "x")).isEqualTo("x");
    assertThat(settings.bool("b", false)).isTrue();
    assertThat(settings.bool("wrong_b", false)).isFalse();
    assertThat(settings.integer("i", 1)).isEqualTo(7);
    assertThat(settings.integer("wrong_i", 1)).isEqualTo(1);
    assertThat(settings.integer("missing", 1)).isEqualTo(1);
    assertThat(settings.has("s")).isTrue();
    assertThat(settings.has("missing")).isFalse();
    assertThat(settings.value("missing")).isNull();
  }

  @Test
  void copiesHandedOutDoNotChangeTheSnapshot() throws Exception {
    SettingsSnapshot settings = of("{\"folder_paths\": {\"loras\": [\"/a\"]}}");

    ((ObjectNode) settings.value("folder_paths")).putArray("loras").add("/changed");
    settings.document().remove("folder_paths");

    assertThat(settings.folderPaths("loras")).containsExactly("/a");
  }

  @Test
  void folderPathsTakeStringsAndListsAndSkipBlanks() throws Exception {
    SettingsSnapshot settings =
        of(
            "{\"folder_paths\": {\"loras\": \"/single\", \"unet\": [\"\", 3, \"/u\"],"
                + " \"embeddings\": [\" \"]}, \"extra_folder_paths\": {\"loras\": [\"/extra\"]}}");

    assertThat(settings.folderPaths("loras")).containsExactly("/single", "/extra");
    assertThat(settings.folderPaths("unet")).containsExactly("/u");
    assertThat(settings.hasFolderPaths()).isTrue();
    assertThat(of("{\"folder_paths\": {\"embeddings\": [\" \"]}}").hasFolderPaths()).isFalse();
    assertThat(of("{\"folder_paths\": []}").hasFolderPaths()).isFalse();
    assertThat(SettingsSnapshot.empty().hasFolderPaths()).isFalse();
  }
}
