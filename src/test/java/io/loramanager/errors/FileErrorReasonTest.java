package io.loramanager.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each reason is read from a failure the real file system raised. Permission denied, which root
 * never meets, is tested where it surfaces: {@code TransferDiskTest}, {@code
 * ExampleImagesFaultsTest}.
 */
class FileErrorReasonTest {

  @TempDir Path dir;

  @Test
  void aFileWhereAFolderMustGoIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    IOException e = catchThrowableOfType(IOException.class, () -> Files.createDirectories(file));

    assertThat(FileErrorReason.of(e)).isEqualTo(file + " exists and is not a folder");
  }

  @Test
  void aFileInThePathOfAFolderIsNotADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    IOException e =
        catchThrowableOfType(IOException.class, () -> Files.createDirectories(file.resolve("sub")));

    assertThat(FileErrorReason.of(e)).isEqualTo("Not a directory");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("missing");

    IOException e = catchThrowableOfType(IOException.class, () -> Files.readAllBytes(missing));

    assertThat(FileErrorReason.of(e)).isEqualTo("No such file or directory (" + missing + ")");
  }

  @Test
  void aFullDiskIsNoSpaceLeftOnDevice() {
    Path devFull = Path.of("/dev/full");
    assumeTrue(Files.isWritable(devFull), "/dev/full is needed to provoke ENOSPC");

    IOException e =
        catchThrowableOfType(IOException.class, () -> Files.write(devFull, new byte[] {1}));

    assertThat(FileErrorReason.of(e)).isEqualTo("No space left on device");
  }
}
