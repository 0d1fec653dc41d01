package io.loramanager.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private String[] names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void writeCreatesTheFileWithExactlyTheContentAndNoTmp() throws IOException {
    Path target = dir.resolve("a.metadata.json");

    AtomicFiles.write(target, bytes("{\"x\": 1}"));

    assertThat(Files.readString(target)).isEqualTo("{\"x\": 1}");
    assertThat(names()).containsExactly("a.metadata.json");
  }

  @Test
  void writeReplacesALongerExistingFileCompletely() throws IOException {
    Path target = dir.resolve("a.json");
    Files.writeString(target, "a much longer previous content");

    AtomicFiles.write(target, bytes("short"));

    assertThat(Files.readString(target)).isEqualTo("short");
    assertThat(names()).containsExactly("a.json");
  }

  @Test
  void writeOfEmptyContentLeavesAnEmptyFile() throws IOException {
    Path target = dir.resolve("empty.json");
    Files.writeString(target, "old");

    AtomicFiles.write(target, new byte[0]);

    assertThat(Files.size(target)).isZero();
  }

  @Test
  void aLeftoverTmpFromACrashIsOverwrittenAndRemoved() throws IOException {
    Path target = dir.resolve("a.json");
    Files.writeString(dir.resolve("a.json.tmp"), "half a file from an earlier crash, longer");

    AtomicFiles.write(target, bytes("new"));

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(names()).containsExactly("a.json");
  }

  @Test
  void aTargetWhoseParentIsARegularFileFailsAndCreatesNothing() throws IOException {
    Path notADir = dir.resolve("model.safetensors");
    Files.writeString(notADir, "model bytes");
    Path target = notADir.resolve("a.metadata.json");

    assertThatThrownBy(() -> AtomicFiles.write(target, bytes("{}")))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("Not a directory");

    assertThat(Files.readString(notADir)).isEqualTo("model bytes");
    assertThat(names()).containsExactly("model.safetensors");
  }

  @Test
  void diskFullLeavesTheOldTargetIntactAndNoTmp() throws IOException {
    Path devFull = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(devFull), "/dev/full is needed to provoke ENOSPC");
    Path target = dir.resolve("a.metadata.json");
    Files.writeString(target, "old sidecar");
    // The temp file AtomicFiles opens is a link to /dev/full: every write fails with ENOSPC.
    Files.createSymbolicLink(dir.resolve("a.metadata.json.tmp"), devFull);

    assertThatThrownBy(() -> AtomicFiles.write(target, bytes("new sidecar")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");

    assertThat(Files.readString(target)).isEqualTo("old sidecar");
    assertThat(names()).containsExactly("a.metadata.json");
    assertThat(Files.exists(devFull, LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  @Test
  void aTargetThatIsAFolderIsLeftIntactAndTheTmpRemoved() throws IOException {
    Path target = dir.resolve("a.json");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside.txt"), "kept");

    assertThatThrownBy(() -> AtomicFiles.write(target, bytes("new")))
        .isInstanceOf(FileSystemException.class);

    assertThat(Files.isDirectory(target)).isTrue();
    assertThat(Files.readString(target.resolve("inside.txt"))).isEqualTo("kept");
    assertThat(names()).containsExactly("a.json");
  }

  @Test
  void aReadOnlyFolderIsPermissionDeniedAndTheOldTargetKept() throws IOException {
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root ignores folder permissions");
    Path folder = Files.createDirectory(dir.resolve("ro"));
    Path target = folder.resolve("a.json");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThatThrownBy(() -> AtomicFiles.write(target, bytes("new")))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(Files.readString(target)).isEqualTo("old");
      assertThat(Files.exists(folder.resolve("a.json.tmp"))).isFalse();
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
