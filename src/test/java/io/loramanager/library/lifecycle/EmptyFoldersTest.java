package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clean-up after auto-organize: only empty folders go, staging folders never. */
class EmptyFoldersTest {

  @TempDir Path root;

  @Test
  void emptyFoldersBelowGoDeepestFirstAndTheFolderItselfStaysUnlessAsked() throws Exception {
    Files.createDirectories(root.resolve("a/b/c"));
    Files.createDirectories(root.resolve("d"));
    Files.writeString(Files.createDirectories(root.resolve("full")).resolve("m.pt"), "x");

    assertThat(EmptyFolders.removeBelow(root, false)).isEqualTo(4);

    assertThat(root).isDirectory();
    assertThat(root.resolve("a")).doesNotExist();
    assertThat(root.resolve("d")).doesNotExist();
    assertThat(root.resolve("full/m.pt")).exists();
  }

  @Test
  void pendingDeleteFoldersAndTheFoldersHoldingThemStay() throws Exception {
    Files.createDirectories(root.resolve("a/.lm-pending-delete/batch"));
    Files.createDirectories(root.resolve("b/.lm-pending-delete.orphaned"));

    assertThat(EmptyFolders.removeBelow(root, true)).isZero();

    assertThat(root.resolve("a/.lm-pending-delete/batch")).isDirectory();
    assertThat(root.resolve("b/.lm-pending-delete.orphaned")).isDirectory();
  }

  @Test
  void aLinkedFolderIsNeitherFollowedNorRemoved() throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside/empty"));
    Path inside = Files.createDirectories(root.resolve("lib"));
    Files.createSymbolicLink(inside.resolve("link"), outside.getParent());

    assertThat(EmptyFolders.removeBelow(inside, false)).isZero();

    assertThat(outside).isDirectory();
    assertThat(inside.resolve("link")).exists();
  }

  @Test
  void aMissingFolderRemovesNothing() {
    assertThat(EmptyFolders.removeBelow(root.resolve("gone"), true)).isZero();
  }
}
