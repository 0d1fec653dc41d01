package io.loramanager.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.errors.LmException;
import io.loramanager.testsupport.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Libraries in settings.json and how the top-level roots mirror the active one. */
class LibraryRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private SettingsStore store(String json) throws Exception {
    Path file = temp.resolve("settings.json");
    Files.writeString(file, json);
    return TestConfig.of(temp.resolve("data"), temp.resolve("models"))
        .withSettingsFile(file)
        .settings();
  }

  @Test
  void postedLibrariesUpdateTheTopLevelRootsOfTheActiveOne() throws Exception {
    SettingsStore store =
        store(
            """
            {"active_library": "a", "folder_paths": {"loras": ["/old"]},
             "libraries": {"a": {"folder_paths": {"loras": ["/old"]}}}}""");

    new SettingsEditor(store)
        .apply(
            JSON.readTree(
                "{\"libraries\": {\"a\": {\"folder_paths\": {\"loras\": [\"/new\"]},"
                    + " \"default_lora_root\": \"/new\"}}}"));

    assertThat(store.current().value("folder_paths").toString())
        .isEqualTo("{\"loras\":[\"/new\"]}");
    assertThat(store.string("default_lora_root", "")).isEqualTo("/new");
  }

  @Test
  void deletedTopLevelRootIsDeletedFromTheActiveLibraryToo() throws Exception {
    SettingsStore store =
        store(
            """
            {"active_library": "a", "extra_folder_paths": {"loras": ["/x"]},
             "libraries": {"a": {"folder_paths": {}, "extra_folder_paths": {"loras": ["/x"]}}}}""");

    new SettingsEditor(store).apply(JSON.readTree("{\"extra_folder_paths\": \"__DELETE__\"}"));

    assertThat(store.current().value("libraries").toString())
        .isEqualTo("{\"a\":{\"folder_paths\":{}}}");
  }

  @Test
  void activeLibraryNotAmongTheLibrariesMeansTheFirst() throws Exception {
    SettingsStore store =
        store("{\"active_library\": \"gone\", \"libraries\": {\"b\": {}, \"c\": {}}}");

    assertThat(new LibraryRegistry(store).libraries().active()).isEqualTo("b");
  }

  @Test
  void storedActiveLibraryNameNamesTheLibraryMadeOfTheTopLevelRoots() throws Exception {
    SettingsStore store =
        store("{\"active_library\": \"home\", \"folder_paths\": {\"loras\": [\"/m\"]}}");

    LibraryRegistry.Libraries libraries = new LibraryRegistry(store).libraries();

    assertThat(libraries.active()).isEqualTo("home");
    assertThat(libraries.libraries().toString())
        .isEqualTo("{\"home\":{\"folder_paths\":{\"loras\":[\"/m\"]}}}");
  }

  @Test
  void activatingALibraryWithoutFolderPathsLeavesAnEmptyObject() throws Exception {
    SettingsStore store =
        store(
            """
            {"active_library": "a", "folder_paths": {"loras": ["/m"]},
             "libraries": {"a": {"folder_paths": {"loras": ["/m"]}}, "bare": {}}}""");

    new LibraryRegistry(store).activate("bare");

    assertThat(store.current().value("folder_paths").toString()).isEqualTo("{}");
    assertThat(store.current().value("libraries").path("a").toString())
        .isEqualTo("{\"folder_paths\":{\"loras\":[\"/m\"]}}");
  }

  @Test
  void blankNameIsBadInput() throws Exception {
    LibraryRegistry registry = new LibraryRegistry(store("{}"));

    assertThatThrownBy(() -> registry.activate(null))
        .isInstanceOf(LmException.class)
        .hasMessage("Library name is required");
  }
}
