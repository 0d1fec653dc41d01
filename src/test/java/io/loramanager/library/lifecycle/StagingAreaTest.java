package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.storage.JsonFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging folders on a real temp disk: quarantine names, discard, and readable reasons. */
class StagingAreaTest {

  private static final String BATCH = "0123456789abcdef0123456789abcdef";

  @TempDir Path folder;

  private final StagingArea area = new StagingArea(new JsonFiles(new ObjectMapper()));

  private static java.util.List<String> namesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void quarantineNeverReplacesAnEarlierQuarantine() throws Exception {
    Path dir = Files.createDirectories(StagingArea.dirOf(folder, BATCH));
    Files.createDirectories(dir.resolveSibling("quarantine-" + BATCH));
    Files.createDirectories(dir.resolveSibling("quarantine-" + BATCH + "-1"));
    Files.writeString(dir.resolve("model.safetensors"), "kept");

    Path moved = area.quarantine(dir, "test");

    assertThat(moved.getFileName().toString()).isEqualTo("quarantine-" + BATCH + "-2");
    assertThat(Files.readString(moved.resolve("model.safetensors"))).isEqualTo("kept");
  }

  @Test
  void discardQuarantinesAFolderWithFilesItDoesNotKnow() throws Exception {
    Path dir = Files.createDirectories(StagingArea.dirOf(folder, BATCH));
    Files.writeString(dir.resolve(StagingManifest.FILE_NAME), "{}");
    Files.writeString(dir.resolve("stray.txt"), "stray");

    area.discard(dir);

    Path pending = folder.resolve(".lm-pending-delete");
    assertThat(namesIn(pending)).containsExactly("quarantine-" + BATCH);
    assertThat(namesIn(pending.resolve("quarantine-" + BATCH))).containsExactly("stray.txt");
  }

  @Test
  void discardRemovesTheEmptyFolderAndItsParent() throws Exception {
    Path dir = Files.createDirectories(StagingArea.dirOf(folder, BATCH));
    Files.writeString(dir.resolve(StagingManifest.FILE_NAME), "{}");

    area.discard(dir);

    assertThat(namesIn(folder)).isEmpty();
  }

  @Test
  void readNamesWhyAManifestIsUnusable() throws Exception {
    Path dir = Files.createDirectories(StagingArea.dirOf(folder, BATCH));

    assertThat(readFailure(dir)).isEqualTo("manifest missing");
    Files.writeString(dir.resolve(StagingManifest.FILE_NAME), "{\"batch_id\": 1}");
    assertThat(readFailure(dir)).isEqualTo("manifest is unusable: batch_id is not a string");
  }

  private String readFailure(Path dir) {
    try {
      area.read(dir);
      return "read";
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  @Test
  void reasonsAreWhatTheOperatingSystemSaid() {
    assertThat(StagingArea.reason(new FileSystemException("/x", null, "Not a directory")))
        .isEqualTo("Not a directory");
    assertThat(StagingArea.reason(new java.nio.file.FileAlreadyExistsException("/x")))
        .isEqualTo("already exists");
    assertThat(StagingArea.reason(new NoSuchFileException("/x"))).isEqualTo("no such file");
    assertThat(StagingArea.reason(new IOException("disk on fire"))).isEqualTo("disk on fire");
    assertThat(StagingArea.reason(new IOException())).isEqualTo("IOException");
  }
}
