package io.loramanager.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reason is read from a failure the real file system raised. */
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

  /** A true EACCES; root writes into any folder, so this runs only as another user. */
  @Test
  void aReadOnlyFolderIsPermissionDeniedNamingTheFile() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root ignores folder permissions");
    Path folder = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
    Path target = folder.resolve("a");
    try {
      IOException e = catchThrowableOfType(IOException.class, () -> Files.writeString(target, "x"));

      assertThat(FileErrorReason.of(e)).isEqualTo("Permission denied (" + target + ")");
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
