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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code delete} and {@code bulk-delete} that must not happen: bad input, unknown paths, and file
 * moves that fail midway (everything moved is moved back).
 */
@QuarkusTest
class DeleteFailureFlowTest {

  @Inject CatalogStore store;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private List<String> storedPaths(ModelType type) {
    return store.load(type).stream().map(ModelEntry::filePath).sorted().toList();
  }

  @Test
  void bulkDeleteWithOneUnknownPathMovesNothing() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String unknown = LibraryFixture.slashes(library.loras().resolve("ghost.safetensors"));

    assertError(
        post(
            "/api/lm/loras/bulk-delete",
            Map.of("file_paths", List.of(LibraryFixture.slashes(a), unknown))),
        404,
        "LoRA not found: " + unknown);

    assertThat(Files.exists(a)).isTrue();
    assertThat(Files.exists(LibraryFixture.sidecarOf(a))).isTrue();
    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void failureInASecondFolderMovesTheFirstFolderBack() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    library.preview(a, ".webp");
    Path b = library.modelWithSidecar(library.loras(), "blocked/b.safetensors", s -> {});
    // A regular file where the staging folder must go: mkdir fails, even for root.
    Path blocker = library.loras().resolve("blocked/.lm-pending-delete");
    LibraryFixture.write(blocker, "not a folder".getBytes());
    TestLibrary.scan("loras");

    assertError(
        post(
            "/api/lm/loras/bulk-delete",
            Map.of("file_paths", List.of(LibraryFixture.slashes(a), LibraryFixture.slashes(b)))),
        409,
        "Cannot delete "
            + b
            + ": creating the staging folder "
            + blocker
            + " failed (Not a directory); nothing was deleted");

    assertThat(namesIn(library.loras()))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp", "blocked");
    assertThat(namesIn(b.getParent()))
        .containsExactly(".lm-pending-delete", "b.metadata.json", "b.safetensors");
    assertThat(new String(LibraryFixture.read(blocker))).isEqualTo("not a folder");
    assertThat(listed("loras"))
        .containsExactly(LibraryFixture.slashes(a), LibraryFixture.slashes(b));
    assertThat(storedPaths(ModelType.LORA))
        .containsExactly(LibraryFixture.slashes(a), LibraryFixture.slashes(b));
  }

  @Test
  void singleDeleteThatCannotStageTouchesNothing() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    Path blocker = library.loras().resolve(".lm-pending-delete");
    LibraryFixture.write(blocker, new byte[0]);
    TestLibrary.scan("loras");

    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", LibraryFixture.slashes(a))),
        409,
        "Cannot delete "
            + a
            + ": creating the staging folder "
            + blocker
            + " failed (Not a directory); nothing was deleted");

    assertThat(namesIn(library.loras()))
        .containsExactly(".lm-pending-delete", "a.metadata.json", "a.safetensors");
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void deleteRejectsBadInput() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String unknown = LibraryFixture.slashes(library.loras().resolve("none.safetensors"));

    assertError(post("/api/lm/loras/delete", Map.of()), 400, "file_path is required");
    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", 42)), 400, "file_path must be a string");
    assertError(
        post("/api/lm/loras/delete", List.of("x")), 400, "Request body must be a JSON object");
    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", " ")), 400, "file_path is required");
    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", unknown)),
        404,
        "LoRA not found: " + unknown);
    assertError(
        post("/api/lm/checkpoints/delete", Map.of("file_path", LibraryFixture.slashes(a))),
        404,
        "Checkpoint not found: " + LibraryFixture.slashes(a));
    assertError(
        post("/api/lm/things/delete", Map.of("file_path", LibraryFixture.slashes(a))),
        404,
        "Unknown model type 'things'");

    assertThat(Files.exists(a)).isTrue();
    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void bulkDeleteRejectsBadInput() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertError(post("/api/lm/loras/bulk-delete", Map.of()), 400, "file_paths is required");
    assertError(
        post("/api/lm/loras/bulk-delete", Map.of("file_paths", List.of())),
        400,
        "No file paths provided for deletion");
    assertError(
        post("/api/lm/loras/bulk-delete", Map.of("file_paths", LibraryFixture.slashes(a))),
        400,
        "file_paths must be a list of strings");
    assertError(
        post("/api/lm/loras/bulk-delete", Map.of("file_paths", List.of(1, 2))),
        400,
        "file_paths must be a list of strings");

    assertThat(Files.exists(a)).isTrue();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void failureOnTheThirdFileMovesTheFirstTwoBack() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    // Moved third (model, sidecar, preview); an immutable file cannot be renamed, even by root.
    Path preview = library.preview(a, ".webp");
    TestLibrary.scan("loras");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ImmutableFiles.set(preview, true), "chattr +i is not available here");
    try {
      assertError(
          post("/api/lm/loras/delete", Map.of("file_path", LibraryFixture.slashes(a))),
          409,
          "Cannot delete "
              + a
              + ": moving "
              + preview
              + " into "
              + library.loras().resolve(".lm-pending-delete")
              + " failed (Operation not permitted); nothing was deleted");
    } finally {
      ImmutableFiles.set(preview, false);
    }

    assertThat(namesIn(library.loras()))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp");
    assertThat(new String(LibraryFixture.read(a))).isEqualTo("a.safetensors");
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
    assertThat(storedPaths(ModelType.LORA)).containsExactly(LibraryFixture.slashes(a));
  }
}
