package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-file moves: never over another file; across devices by a verified copy. */
class FileMoverTest {

  @TempDir Path dir;

  @Test
  void aFileIsRenamedOnTheSameDevice() throws Exception {
    Path source = Files.writeString(dir.resolve("a.safetensors"), "weights");
    Path target = Files.createDirectories(dir.resolve("sub")).resolve("b.safetensors");

    new FileMover().move(source, target);

    assertThat(source).doesNotExist();
    assertThat(target).hasContent("weights");
  }

  @Test
  void anExistingFileIsNeverReplaced() throws Exception {
    Path source = Files.writeString(dir.resolve("a.webp"), "new");
    Path target = Files.writeString(dir.resolve("b.webp"), "old");

    assertThatThrownBy(() -> new FileMover().move(source, target))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessage(target + ": the target already exists");

    assertThat(source).hasContent("new");
    assertThat(target).hasContent("old");
  }

  @Test
  void anExistingFolderIsNeverReplaced() throws Exception {
    Path source = Files.writeString(dir.resolve("a.webp"), "new");
    Path target = Files.createDirectories(dir.resolve("b.webp"));

    assertThatThrownBy(() -> new FileMover().move(source, target))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(source).hasContent("new");
    assertThat(target).isEmptyDirectory();
  }

  /** /dev/shm is a tmpfs on Linux: a real second device when the temp folder is on disk. */
  @Test
  void aMoveToAnotherDeviceCopiesThenDeletesTheSource() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm));
    assumeTrue(!Files.getFileStore(shm).equals(Files.getFileStore(dir)));
    Path source = Files.writeString(dir.resolve("cross.safetensors"), "weights across");
    Path target = Files.createTempDirectory(shm, "lm-mover").resolve("cross.safetensors");
    try {
      new FileMover().move(source, target);

      assertThat(source).doesNotExist();
      assertThat(target).hasContent("weights across");
    } finally {
      Files.deleteIfExists(target);
      Files.deleteIfExists(target.getParent());
    }
  }

  @Test
  void whenAnAtomicRenameIsNotSupportedTheFileIsCopiedAndTheSourceDeleted() throws Exception {
    Path source = Files.writeString(dir.resolve("a.safetensors"), "weights");
    Path target = dir.resolve("b.safetensors");
    List<String> calls = new ArrayList<>();
    FileMover mover =
        new FileMover(
            new FileMover.Steps() {
              @Override
              public void rename(Path from, Path to) throws IOException {
                calls.add("rename");
                throw new AtomicMoveNotSupportedException(
                    from.toString(), to.toString(), "Invalid cross-device link");
              }

              @Override
              public void copy(Path from, Path to) throws IOException {
                calls.add("copy");
                FileMover.FILE_SYSTEM.copy(from, to);
              }
            });

    mover.move(source, target);

    assertThat(calls).containsExactly("rename", "copy");
    assertThat(source).doesNotExist();
    assertThat(target).hasContent("weights");
  }

  @Test
  void aShortCopyIsRemovedAndTheSourceKept() throws Exception {
    Path source = Files.writeString(dir.resolve("a.safetensors"), "weights");
    Path target = dir.resolve("b.safetensors");
    FileMover mover =
        new FileMover(
            new FileMover.Steps() {
              @Override
              public void rename(Path from, Path to) throws IOException {
                throw new AtomicMoveNotSupportedException(from.toString(), to.toString(), "EXDEV");
              }

              @Override
              public void copy(Path from, Path to) throws IOException {
                Files.writeString(to, "weig"); // a copy cut short, e.g. by a full disk
              }
            });

    assertThatThrownBy(() -> mover.move(source, target))
        .isInstanceOf(IOException.class)
        .hasMessage("copy to " + target + " has 4 bytes, the source has 7");

    assertThat(source).hasContent("weights");
    assertThat(target).doesNotExist();
  }
}
