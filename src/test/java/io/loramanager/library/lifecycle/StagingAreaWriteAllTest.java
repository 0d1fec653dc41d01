package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.library.ModelType;
import io.loramanager.storage.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StagingArea#writeAll}: the manifests of many folders, written several at a time. */
class StagingAreaWriteAllTest {

  private static final String BATCH = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private final StagingArea area = new StagingArea(new JsonFiles(new ObjectMapper()));

  @AfterEach
  void stop() {
    area.stop();
  }

  private Map<Path, StagingManifest> manifests(int folders) throws Exception {
    Map<Path, StagingManifest> manifests = new LinkedHashMap<>();
    for (int i = 0; i < folders; i++) {
      Path folder = dir.resolve("f" + i);
      Path staging = Files.createDirectories(StagingArea.dirOf(folder, BATCH));
      StagingManifest.Entry entry =
          new StagingManifest.Entry(
              folder.resolve("m.safetensors"), staging.resolve("m.safetensors"), true);
      manifests.put(
          staging,
          new StagingManifest(
              BATCH,
              ModelType.LORA,
              StagingManifest.State.STAGING,
              NOW,
              NOW.plusSeconds(20),
              List.of(entry)));
    }
    return manifests;
  }

  @Test
  void everyManifestIsWrittenAndReadsBack() throws Exception {
    Map<Path, StagingManifest> manifests = manifests(20);

    area.writeAll(manifests);

    for (Map.Entry<Path, StagingManifest> manifest : manifests.entrySet()) {
      assertThat(area.read(manifest.getKey())).isEqualTo(manifest.getValue());
    }
  }

  @Test
  void theFirstFailingFolderIsNamedWithTheReasonAndTheOthersAreWritten() throws Exception {
    Map<Path, StagingManifest> manifests = manifests(3);
    List<Path> dirs = List.copyOf(manifests.keySet());
    // A folder where the atomic write's temp file must go: the write fails, even for root.
    Files.createDirectories(dirs.get(1).resolve("manifest.json.tmp"));

    assertThatThrownBy(() -> area.writeAll(manifests))
        .isInstanceOfSatisfying(
            StagingArea.ManifestNotWritten.class,
            e -> {
              assertThat(e.dir()).isEqualTo(dirs.get(1));
              assertThat(StagingArea.reason(e.reason())).isEqualTo("Is a directory");
            });
    assertThat(dirs.get(0).resolve("manifest.json")).exists();
    assertThat(dirs.get(1).resolve("manifest.json")).doesNotExist();
    assertThat(dirs.get(2).resolve("manifest.json")).exists();
  }
}
