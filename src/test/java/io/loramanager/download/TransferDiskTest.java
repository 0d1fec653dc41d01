package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loramanager.testsupport.FaultyFileServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local write failures: not retried, reported with the OS reason. */
class TransferDiskTest {

  private static final byte[] CONTENT = TestEngines.content(200_000);

  @TempDir Path dir;
  private FaultyFileServer server;
  private TransferEngine engine;

  @BeforeEach
  void setUp() {
    server = FaultyFileServer.serving(CONTENT);
    engine = TestEngines.engine(dir, 1);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private TransferResult fetch(Path target) {
    return engine.transfer(
        TransferRequest.of(server.url("/f"), target), new TransferControl(), p -> {});
  }

  @Test
  void aFullDiskFailsAtOnceWithTheOsReason() throws IOException {
    Path devFull = Path.of("/dev/full");
    assumeTrue(Files.isWritable(devFull), "/dev/full is not available");
    Path target = dir.resolve("full.safetensors");
    Files.createSymbolicLink(TransferRequest.partFileOf(target), devFull);

    assertThatThrownBy(() -> fetch(target))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.DISK))
        .hasMessage(
            "Cannot write " + TransferRequest.partFileOf(target) + ": No space left on device");
    assertThat(server.ranges()).containsExactly("");
    assertThat(target).doesNotExist();
  }

  @Test
  void aTargetFolderUnderARegularFileFailsEvenForRoot() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path target = file.resolve("sub/model.safetensors");

    assertThatThrownBy(() -> fetch(target))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.DISK))
        .hasMessage("Cannot create folder " + file.resolve("sub") + ": Not a directory");
    assertThat(server.ranges()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void aReadOnlyFolderFailsWithPermissionDenied() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root ignores permissions");
    Path folder = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path target = folder.resolve("model.safetensors");

    assertThatThrownBy(() -> fetch(target))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.DISK))
        .hasMessage(
            "Cannot write "
                + TransferRequest.partFileOf(target)
                + ": Permission denied ("
                + TransferRequest.partFileOf(target)
                + ")");
  }
}
