package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryRootsTest {

  @TempDir Path temp;

  private LibraryRoots roots(TestConfig config) {
    return new LibraryRoots(config, config.settings());
  }

  private static List<String> display(List<ModelRoot> roots) {
    return roots.stream().map(r -> r.display() + "|" + r.subType()).toList();
  }

  @Test
  void defaultRootsAreTheExistingSubFoldersOfTheModelsFolder() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("loras"));
    Files.createDirectories(models.resolve("checkpoints"));
    Files.createDirectories(models.resolve("unet"));

    LibraryRoots roots = roots(TestConfig.of(temp.resolve("data"), models));

    assertThat(display(roots.of(ModelType.LORA)))
        .containsExactly(slashes(models.resolve("loras")) + "|null");
    assertThat(display(roots.of(ModelType.CHECKPOINT)))
        .containsExactly(
            slashes(models.resolve("checkpoints")) + "|checkpoint",
            slashes(models.resolve("unet")) + "|diffusion_model");
    assertThat(roots.of(ModelType.EMBEDDING)).isEmpty();
  }

  @Test
  void settingsFolderPathsReplaceTheDefaultsAndAreSortedAndDeduplicated() throws Exception {
    Path b = Files.createDirectories(temp.resolve("B-loras"));
    Path a = Files.createDirectories(temp.resolve("a-loras"));
    Path link = Files.createSymbolicLink(temp.resolve("link-to-a"), a);
    Path shared = Files.createDirectories(temp.resolve("shared"));
    Path settings =
        write(
            "settings.json",
            """
            {"folder_paths": {"loras": ["%s", "%s", "%s", "%s"],
                              "checkpoints": ["%s"], "unet": ["%s"]},
             "extra_folder_paths": {"embeddings": ["%s"]},
             "some_future_key": 1}
            """
                .formatted(b, a, link, temp.resolve("missing"), shared, shared, a));
    Files.createDirectories(temp.resolve("models/loras"));

    LibraryRoots roots =
        roots(
            TestConfig.of(temp.resolve("data"), temp.resolve("models")).withSettingsFile(settings));

    assertThat(display(roots.of(ModelType.LORA)))
        .containsExactly(slashes(a) + "|null", slashes(b) + "|null");
    assertThat(display(roots.of(ModelType.CHECKPOINT)))
        .containsExactly(slashes(shared) + "|checkpoint");
    assertThat(display(roots.of(ModelType.EMBEDDING))).containsExactly(slashes(a) + "|null");
    assertThat(roots.all()).hasSize(4);
  }

  @Test
  void unreadableSettingsFileMeansDefaults() throws Exception {
    Path settings = write("settings.json", "{not json");
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("embeddings"));

    LibraryRoots roots =
        roots(TestConfig.of(temp.resolve("data"), models).withSettingsFile(settings));

    assertThat(display(roots.of(ModelType.EMBEDDING)))
        .containsExactly(slashes(models.resolve("embeddings")) + "|null");
    assertThat(new String(Files.readAllBytes(settings), StandardCharsets.UTF_8))
        .isEqualTo("{not json");
  }

  @Test
  void refreshPicksUpFoldersCreatedLater() throws Exception {
    Path models = temp.resolve("models");
    LibraryRoots roots = roots(TestConfig.of(temp.resolve("data"), models));
    assertThat(roots.of(ModelType.LORA)).isEmpty();

    Files.createDirectories(models.resolve("loras"));
    roots.refresh();

    assertThat(roots.of(ModelType.LORA)).hasSize(1);
  }

  @Test
  void extraFolderPathsAddToTheDefaultRoots() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("loras"));
    Path extra = Files.createDirectories(temp.resolve("extra"));
    Path settings =
        write("settings.json", "{\"extra_folder_paths\": {\"loras\": [\"%s\"]}}".formatted(extra));

    LibraryRoots roots =
        roots(TestConfig.of(temp.resolve("data"), models).withSettingsFile(settings));

    assertThat(display(roots.of(ModelType.LORA)))
        .containsExactly(slashes(extra) + "|null", slashes(models.resolve("loras")) + "|null");
  }

  private Path write(String name, String content) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static String slashes(Path path) {
    return LibraryFixture.slashes(path);
  }
}
