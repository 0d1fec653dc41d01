package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.PathTemplates;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root and folder a download goes to (anchor-downloads §3.2 steps 8, 10). */
class DownloadTargetTest {

  @TempDir Path temp;

  private DownloadTarget target(Path models) {
    TestConfig config = TestConfig.of(temp.resolve("data"), models);
    SettingsStore settings = config.settings();
    return new DownloadTarget(
        new LibraryRoots(config, settings),
        settings,
        new PathTemplates(new LibrarySettings(settings)));
  }

  /** Default paths: the type's default root (and the template folder under it). */
  private static DownloadSpec defaultRoot() {
    return spec(null, true, false);
  }

  private static DownloadSpec spec(Path root, boolean useDefaultPaths, boolean useSaveDirAsRoot) {
    return new DownloadSpec(
        null,
        1L,
        root == null ? null : root.toString(),
        "",
        useDefaultPaths,
        useSaveDirAsRoot,
        "id",
        null,
        null);
  }

  private static ObjectNode version(String baseModel, String fileType) {
    ObjectNode version = new ObjectMapper().createObjectNode();
    version.put("baseModel", baseModel);
    version.putArray("files").addObject().put("type", fileType).put("name", "m.safetensors");
    return version;
  }

  @Test
  void aDiffusionModelWithoutAUnetRootIsRefusedWithTheReferenceMessage() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("checkpoints"));
    DownloadTarget target = target(models);

    assertThatThrownBy(
            () ->
                target
                    .place(ModelType.CHECKPOINT, defaultRoot(), version("Flux.1 D", "Model"))
                    .root())
        .isInstanceOf(ModelDownload.Refused.class)
        .hasMessage("Default unet root path not set in settings");
    assertThatThrownBy(
            () ->
                target
                    .place(ModelType.CHECKPOINT, defaultRoot(), version("SDXL 1.0", "UNet"))
                    .root())
        .hasMessage("Default unet root path not set in settings");
    assertThat(
            target.place(ModelType.CHECKPOINT, defaultRoot(), version("SDXL 1.0", "Model")).root())
        .isEqualTo(models.resolve("checkpoints").toAbsolutePath().normalize());
  }

  @Test
  void aDiffusionModelGoesToTheFirstUnetRootAndACheckpointToTheCheckpointRoot() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("checkpoints"));
    Files.createDirectories(models.resolve("unet"));
    DownloadTarget target = target(models);

    Path unet = target.place(ModelType.CHECKPOINT, defaultRoot(), version("Qwen", "Model")).root();
    assertThat(unet).isEqualTo(models.resolve("unet").toAbsolutePath().normalize());
    assertThat(target.rootSubType(ModelType.CHECKPOINT, unet.resolve("a/m.safetensors")))
        .contains("diffusion_model");
    Path checkpoint =
        target.place(ModelType.CHECKPOINT, defaultRoot(), version("Flux.1 Dev", "Model")).root();
    assertThat(checkpoint).isEqualTo(models.resolve("checkpoints").toAbsolutePath().normalize());
    assertThat(target.rootSubType(ModelType.CHECKPOINT, checkpoint.resolve("m.safetensors")))
        .contains("checkpoint");
  }

  @Test
  void loraBaseModelsOfDiffusionFamiliesStayInTheLoraRoot() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("loras"));
    DownloadTarget target = target(models);

    assertThat(target.place(ModelType.LORA, defaultRoot(), version("Flux.1 D", "UNet")).root())
        .isEqualTo(models.resolve("loras").toAbsolutePath().normalize());
    assertThat(target.rootSubType(ModelType.LORA, models.resolve("loras/x.safetensors"))).isEmpty();
  }

  @Test
  void useSaveDirAsRootPutsTheTemplateFolderUnderTheGivenRoot() throws Exception {
    Path models = temp.resolve("models");
    Path mine = Files.createDirectories(models.resolve("loras/mine")).toAbsolutePath();
    DownloadTarget target = target(models);

    DownloadTarget.Place place =
        target.place(ModelType.LORA, spec(mine, true, true), version("SDXL 1.0", "Model"));

    assertThat(place.root()).isEqualTo(mine.normalize());
    assertThat(place.relativePath()).isEqualTo("SDXL 1.0/no tags");
  }

  @Test
  void defaultPathsWithoutUseSaveDirAsRootGoUnderTheDefaultRootNotTheGivenOne() throws Exception {
    Path models = temp.resolve("models");
    Path mine = Files.createDirectories(models.resolve("loras/mine")).toAbsolutePath();
    DownloadTarget target = target(models);

    DownloadTarget.Place place =
        target.place(ModelType.LORA, spec(mine, true, false), version("SDXL 1.0", "Model"));

    assertThat(place.root()).isEqualTo(models.resolve("loras").toAbsolutePath().normalize());
    assertThat(place.relativePath()).isEqualTo("SDXL 1.0/no tags");
  }

  @Test
  void noRootWithoutDefaultPathsIsRefusedWithTheReferenceMessage() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("loras"));
    DownloadTarget target = target(models);

    assertThatThrownBy(
            () ->
                target.place(ModelType.LORA, spec(null, false, true), version("SDXL 1.0", "Model")))
        .isInstanceOf(ModelDownload.Refused.class)
        .hasMessage("No save directory specified");
  }
}
