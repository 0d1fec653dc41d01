package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path guard over real folders and real symlinks. */
class TargetFoldersTest {

  @TempDir Path dir;

  private Path loras;
  private Path outside;
  private List<ModelRoot> roots;

  @BeforeEach
  void roots() throws Exception {
    loras = Files.createDirectories(dir.resolve("models/loras"));
    outside = Files.createDirectories(dir.resolve("elsewhere"));
    roots = List.of(new ModelRoot(loras, loras.toRealPath(), null));
  }

  private Path resolve(String raw) {
    return TargetFolders.resolve(roots, ModelType.LORA, raw);
  }

  private void assertRefused(String raw, String message) {
    assertThatThrownBy(() -> resolve(raw))
        .isInstanceOf(LmException.class)
        .hasMessage(message)
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.BAD_INPUT);
  }

  @Test
  void anExistingFolderInsideARootIsAccepted() throws Exception {
    Files.createDirectories(loras.resolve("styles"));

    assertThat(resolve(loras.resolve("styles").toString())).isEqualTo(loras.resolve("styles"));
  }

  @Test
  void theRootItselfIsAccepted() {
    assertThat(resolve(loras.toString())).isEqualTo(loras);
  }

  @Test
  void aMissingFolderIsAcceptedUnderItsDeepestExistingAncestor() {
    assertThat(resolve(loras + "/new/deeper")).isEqualTo(loras.resolve("new/deeper"));
    assertThat(Files.exists(loras.resolve("new"))).isFalse();
  }

  @Test
  void dotDotThatStaysInsideIsResolved() {
    assertThat(resolve(loras + "/a/../b")).isEqualTo(loras.resolve("b"));
  }

  @Test
  void dotDotThatLeavesTheRootIsRefused() {
    String raw = loras + "/../../elsewhere";
    assertRefused(raw, "Target path '" + raw + "' is outside the configured lora folders");
  }

  @Test
  void aFolderOutsideEveryRootIsRefused() {
    assertRefused(
        outside.toString(), "Target path '" + outside + "' is outside the configured lora folders");
  }

  @Test
  void aSymlinkInsideTheRootPointingOutsideIsRefused() throws Exception {
    Path link = Files.createSymbolicLink(loras.resolve("escape"), outside);

    assertRefused(
        link + "/sub", "Target path '" + link + "/sub' is outside the configured lora folders");
  }

  @Test
  void aSymlinkPointingInsideTheRootResolvesToTheRealFolder() throws Exception {
    Path real = Files.createDirectories(loras.resolve("real"));
    Path link = Files.createSymbolicLink(loras.resolve("alias"), real);

    assertThat(resolve(link.toString())).isEqualTo(real);
  }

  @Test
  void aRelativePathIsRefused() {
    assertRefused("loras/styles", "target_path must be an absolute folder path: loras/styles");
  }

  @Test
  void aBlankPathIsRefused() {
    assertRefused(" ", "target_path is required");
    assertRefused(null, "target_path is required");
  }

  @Test
  void aPathThroughARegularFileIsRefused() throws Exception {
    Path file = Files.writeString(loras.resolve("file.txt"), "x");

    assertRefused(
        file + "/sub", "Target path '" + file + "/sub' is not a folder: " + file + " is a file");
  }

  @Test
  void aPathThroughAFileOutsideTheRootsSaysOnlyThatItIsOutside() throws Exception {
    // Naming the file would tell a client which files exist outside the roots.
    Path file = Files.writeString(outside.resolve("secret.txt"), "x");

    assertRefused(
        file + "/sub", "Target path '" + file + "/sub' is outside the configured lora folders");
  }
}
