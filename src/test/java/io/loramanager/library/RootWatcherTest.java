package io.loramanager.library;

import static io.loramanager.library.ModelType.CHECKPOINT;
import static io.loramanager.library.ModelType.EMBEDDING;
import static io.loramanager.library.ModelType.LORA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The changes that make the watcher ask for a rescan, and of which type. */
class RootWatcherTest extends RootWatcherFixture {

  @Test
  void newModelFileIsReportedOnceForItsTypeAfterTheDebounce() throws IOException {
    long before = System.nanoTime();
    write(loras.resolve("style.safetensors"));

    awaitCalls(LORA);
    assertThat(calls.get(0).atNanos() - before).isGreaterThanOrEqualTo(DEBOUNCE.toNanos());
    witness();
    awaitCalls(LORA, EMBEDDING);
  }

  @Test
  void burstOfTwentyFilesIsReportedOnce() throws IOException {
    for (int i = 0; i < 20; i++) {
      write(loras.resolve("model-" + i + ".safetensors"));
    }
    witness();

    awaitCalls(LORA, EMBEDDING);
  }

  @Test
  void filesInNewNestedFoldersAreReported() throws IOException {
    Path nested = Files.createDirectories(loras.resolve("anime/characters"));
    awaitCalls(LORA);

    write(nested.resolve("hero.safetensors"));
    awaitCalls(LORA, LORA);
  }

  @Test
  void filesInFoldersPresentAtStartAreReported() throws IOException {
    Path nested = Files.createDirectories(tmp.resolve("more-loras/a/b"));
    watcher.watch(Map.of(LORA, List.of(root(tmp.resolve("more-loras")))));

    write(nested.resolve("deep.safetensors"));
    awaitCalls(LORA);
  }

  @Test
  void sidecarAndPreviewChangesAreReported() throws IOException {
    write(loras.resolve("style.metadata.json"));
    awaitCalls(LORA);

    write(loras.resolve("style.preview.PNG"));
    awaitCalls(LORA, LORA);

    write(loras.resolve("style.civitai.info"));
    awaitCalls(LORA, LORA, LORA);
  }

  @Test
  void deletedFolderIsReported() throws IOException {
    Path folder = Files.createDirectories(loras.resolve("old"));
    awaitCalls(LORA);

    Files.delete(folder);
    awaitCalls(LORA, LORA);
  }

  @Test
  void modelMovedToPendingDeleteIsReportedAsGone() throws IOException {
    Path model = write(loras.resolve("style.safetensors"));
    awaitCalls(LORA);
    Path pending = Files.createDirectories(loras.resolve(LibraryWalker.PENDING_DELETE_DIR));

    Files.move(model, pending.resolve("style.safetensors"));
    awaitCalls(LORA, LORA);
  }

  @Test
  void onlyTheTypeWhoseRootChangedIsReported() throws IOException {
    write(checkpoints.resolve("base.ckpt"));
    witness();

    awaitCalls(CHECKPOINT, EMBEDDING);
  }

  @Test
  void folderSharedByTwoTypesReportsTheTypesThatReadTheFile() throws IOException {
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    watcher.watch(
        Map.of(
            LORA, List.of(root(shared)),
            CHECKPOINT, List.of(root(shared)),
            EMBEDDING, List.of(root(embeddings))));

    write(shared.resolve("base.gguf"));
    witness();
    awaitCalls(CHECKPOINT, EMBEDDING);

    write(shared.resolve("style.safetensors"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(calls.types().subList(2, calls.types().size()))
                    .containsExactlyInAnyOrder(LORA, CHECKPOINT));
  }

  @Test
  void watchFollowsChangedRoots() throws IOException {
    Path newLoras = Files.createDirectories(tmp.resolve("new-loras"));
    watcher.watch(Map.of(LORA, List.of(root(newLoras)), EMBEDDING, List.of(root(embeddings))));

    write(loras.resolve("left-behind.safetensors"));
    write(checkpoints.resolve("left-behind.ckpt"));
    witness();
    awaitCalls(EMBEDDING);

    write(newLoras.resolve("style.safetensors"));
    awaitCalls(EMBEDDING, LORA);
  }
}
