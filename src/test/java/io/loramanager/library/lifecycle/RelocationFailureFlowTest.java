package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.LibraryRequests.listed;
import static io.loramanager.testsupport.LibraryRequests.namesIn;
import static io.loramanager.testsupport.LibraryRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.ImmutableFiles;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Move and rename failing midway, through HTTP, with real file-system errors that also happen to
 * root: a file the OS refuses to rename ({@code chattr +i}: EPERM) and a disk that is full while
 * the sidecar is rewritten ({@code /dev/full}: ENOSPC). Each leaves every file where and as it was,
 * the catalogue and SQLite unchanged.
 */
@QuarkusTest
class RelocationFailureFlowTest {

  private static final List<String> FILES =
      List.of("ink.civitai.info", "ink.metadata.json", "ink.safetensors", "ink.webp");

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path model;
  private Path sidecar;
  private byte[] sidecarBefore;
  private List<ModelEntry> rowsBefore;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
    model = library.modelWithSidecar(library.loras(), "ink.safetensors", s -> {});
    library.preview(model, ".webp");
    library.civitaiInfo(model, "{\"id\": 1}");
    sidecar = LibraryFixture.sidecarOf(model);
    TestLibrary.scan("loras");
    // After the scan, which fills in the preview and the .civitai.info data.
    sidecarBefore = LibraryFixture.read(sidecar);
    rowsBefore = store.load(ModelType.LORA);
  }

  private void assertNothingChanged() {
    assertThat(namesIn(library.loras())).containsAll(FILES);
    assertThat(LibraryFixture.read(model)).isEqualTo("ink.safetensors".getBytes());
    assertThat(LibraryFixture.read(sidecar)).isEqualTo(sidecarBefore);
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(model));
    assertThat(store.load(ModelType.LORA)).isEqualTo(rowsBefore);
  }

  @Test
  void aCompanionTheSystemRefusesToMoveRollsBackTheFilesAlreadyMoved() throws Exception {
    Path target = library.loras().resolve("archive");
    // Moved third (model, preview, .civitai.info, sidecar): the first two have moved when it fails.
    Path info = library.loras().resolve("ink.civitai.info");
    Assumptions.assumeTrue(ImmutableFiles.set(info, true), "chattr +i is not available here");
    try {
      assertError(
          post(
              "/api/lm/loras/move_model",
              Map.of(
                  "file_path", LibraryFixture.slashes(model),
                  "target_path", LibraryFixture.slashes(target))),
          503,
          "Cannot move "
              + info
              + " to "
              + target.resolve("ink.civitai.info")
              + ": Operation not permitted; nothing was moved");
    } finally {
      ImmutableFiles.set(info, false);
    }

    assertNothingChanged();
    // The folder the move created is removed again.
    assertThat(namesIn(library.loras())).isEqualTo(FILES);
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void diskFullWhileRewritingTheSidecarOfARenameKeepsTheOriginalSidecar() throws Exception {
    Path tmp = library.loras().resolve("brush.metadata.json.tmp");
    Files.createSymbolicLink(tmp, Path.of("/dev/full"));
    try {
      assertError(
          post(
              "/api/lm/loras/rename",
              Map.of("file_path", LibraryFixture.slashes(model), "new_file_name", "brush")),
          503,
          "Cannot rewrite "
              + library.loras().resolve("brush.metadata.json")
              + ": No space left on device; nothing was moved");
    } finally {
      Files.deleteIfExists(tmp);
    }

    assertNothingChanged();
    assertThat(namesIn(library.loras())).isEqualTo(FILES);
  }

  @Test
  void diskFullWhileRewritingTheSidecarOfAMoveKeepsTheOriginalSidecar() throws Exception {
    Path target = Files.createDirectories(library.loras().resolve("archive"));
    Path tmp = target.resolve("ink.metadata.json.tmp");
    Files.createSymbolicLink(tmp, Path.of("/dev/full"));
    try {
      assertError(
          post(
              "/api/lm/loras/move_model",
              Map.of(
                  "file_path", LibraryFixture.slashes(model),
                  "target_path", LibraryFixture.slashes(target))),
          503,
          "Cannot rewrite "
              + target.resolve("ink.metadata.json")
              + ": No space left on device; nothing was moved");
    } finally {
      Files.deleteIfExists(tmp);
    }

    assertNothingChanged();
    assertThat(namesIn(target)).isEmpty();
  }
}
