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

/** The root a download goes to when the client names none (anchor-downloads §3.2 steps 8, 10). */
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

  private static DownloadSpec defaultRoot() {
    return new DownloadSpec(null, 1L, null, "", false, "id", null, null);
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
            () -> target.folder(ModelType.CHECKPOINT, defaultRoot(), version("Flux.1 D", "Model")))
        .isInstanceOf(ModelDownload.Refused.class)
        .hasMessage("Default unet root path not set in settings");
    assertThatThrownBy(
            () -> target.folder(ModelType.CHECKPOINT, defaultRoot(), version("SDXL 1.0", "UNet")))
        .hasMessage("Default unet root path not set in settings");
    assertThat(target.folder(ModelType.CHECKPOINT, defaultRoot(), version("SDXL 1.0", "Model")))
        .isEqualTo(models.resolve("checkpoints").toAbsolutePath().normalize());
  }

  @Test
  void aDiffusionModelGoesToTheFirstUnetRootAndACheckpointToTheCheckpointRoot() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("checkpoints"));
    Files.createDirectories(models.resolve("unet"));
    DownloadTarget target = target(models);

    Path unet = target.folder(ModelType.CHECKPOINT, defaultRoot(), version("Qwen", "Model"));
    assertThat(unet).isEqualTo(models.resolve("unet").toAbsolutePath().normalize());
    assertThat(target.rootSubType(ModelType.CHECKPOINT, unet.resolve("a/m.safetensors")))
        .contains("diffusion_model");
    Path checkpoint =
        target.folder(ModelType.CHECKPOINT, defaultRoot(), version("Flux.1 Dev", "Model"));
    assertThat(checkpoint).isEqualTo(models.resolve("checkpoints").toAbsolutePath().normalize());
    assertThat(target.rootSubType(ModelType.CHECKPOINT, checkpoint.resolve("m.safetensors")))
        .contains("checkpoint");
  }

  @Test
  void loraBaseModelsOfDiffusionFamiliesStayInTheLoraRoot() throws Exception {
    Path models = temp.resolve("models");
    Files.createDirectories(models.resolve("loras"));
    DownloadTarget target = target(models);

    assertThat(target.folder(ModelType.LORA, defaultRoot(), version("Flux.1 D", "UNet")))
        .isEqualTo(models.resolve("loras").toAbsolutePath().normalize());
    assertThat(target.rootSubType(ModelType.LORA, models.resolve("loras/x.safetensors"))).isEmpty();
  }
}
