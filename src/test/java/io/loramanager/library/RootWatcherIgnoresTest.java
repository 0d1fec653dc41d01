package io.loramanager.library;

import static io.loramanager.library.ModelType.EMBEDDING;
import static io.loramanager.library.ModelType.LORA;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What the watcher must not report, and how it stops and fails. */
class RootWatcherIgnoresTest extends RootWatcherFixture {

  @Test
  void pendingDeleteFoldersAreNotWatched() throws IOException {
    Path existing = Files.createDirectories(tmp.resolve("undo-loras/.lm-pending-delete"));
    watcher.watch(
        Map.of(
            LORA, List.of(root(loras), root(tmp.resolve("undo-loras"))),
            EMBEDDING, List.of(root(embeddings))));

    write(existing.resolve("staged.safetensors"));
    Path created = Files.createDirectories(loras.resolve(LibraryWalker.PENDING_DELETE_DIR));
    write(created.resolve("staged.safetensors"));
    write(created.resolve("staged.metadata.json"));
    witness();

    awaitCalls(EMBEDDING);
  }

  @Test
  void tempAndUnreadFilesAreIgnored() throws IOException {
    write(loras.resolve("style.metadata.json.tmp"));
    write(loras.resolve("style.safetensors.part"));
    write(loras.resolve("notes.txt"));
    write(loras.resolve("not-a-lora.gguf"));
    Files.delete(loras.resolve("style.metadata.json.tmp"));
    Files.delete(loras.resolve("notes.txt"));
    witness();

    awaitCalls(EMBEDDING);
  }

  @Test
  void closeCancelsPendingCallsAndStopsWatching() throws IOException {
    Recorder closing = new Recorder();
    Recorder later = new Recorder();
    // The witness waits three times as long, so a call the closed watcher wrongly made is seen.
    RootWatcher closed = start(Duration.ofMillis(500), closing);
    start(Duration.ofMillis(1500), later);

    write(loras.resolve("before-close.safetensors"));
    closed.close();
    write(loras.resolve("after-close.safetensors"));

    awaitCalls(later, LORA);
    assertThat(closing.types()).isEmpty();
  }

  @Test
  void foldersThatCannotBeWatchedWarnOnceAndLeaveTheOthersWatched() throws IOException {
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(RootWatcher.class.getName());
    logger.addHandler(handler);
    try {
      watcher.watch(
          Map.of(
              LORA, List.of(missing("gone-1"), missing("gone-2")),
              EMBEDDING, List.of(root(embeddings))));
      witness();

      awaitCalls(EMBEDDING);
      assertThat(warnings)
          .singleElement()
          .extracting(LogRecord::getMessage)
          .asString()
          .startsWith("Cannot watch");
    } finally {
      logger.removeHandler(handler);
    }
  }

  private ModelRoot missing(String name) {
    Path path = tmp.resolve(name);
    return new ModelRoot(path, path, null);
  }
}
