package io.loramanager.library;

import static io.loramanager.library.ModelType.CHECKPOINT;
import static io.loramanager.library.ModelType.EMBEDDING;
import static io.loramanager.library.ModelType.LORA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library of three real roots under a temp folder, watched with a short debounce, and a recorder
 * of the callbacks. Absence of a call is proven without waiting: a file then lands in the
 * embeddings root (the witness); a wrong call, due no later than the witness's, is among the calls
 * recorded when the witness's call arrives. Calls due at about the same time may arrive in either
 * order on a loaded machine, so the calls are compared as a multiset.
 */
abstract class RootWatcherFixture {

  static final Duration DEBOUNCE = Duration.ofMillis(200);
  static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path tmp;
  Path loras;
  Path checkpoints;
  Path embeddings;
  final Recorder calls = new Recorder();
  RootWatcher watcher;
  private final List<RootWatcher> started = new ArrayList<>();

  record Call(ModelType type, long atNanos) {}

  /** Records each callback with the time it ran. */
  static final class Recorder implements Consumer<ModelType> {
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void accept(ModelType type) {
      calls.add(new Call(type, System.nanoTime()));
    }

    Call get(int index) {
      return calls.get(index);
    }

    List<ModelType> types() {
      return calls.stream().map(Call::type).toList();
    }
  }

  @BeforeEach
  void startWatcher() throws IOException {
    loras = Files.createDirectories(tmp.resolve("loras"));
    checkpoints = Files.createDirectories(tmp.resolve("checkpoints"));
    embeddings = Files.createDirectories(tmp.resolve("embeddings"));
    watcher = start(DEBOUNCE, calls);
  }

  @AfterEach
  void closeWatchers() {
    started.forEach(RootWatcher::close);
  }

  /** A watcher of the three roots. */
  RootWatcher start(Duration debounce, Recorder recorder) throws IOException {
    RootWatcher started = new RootWatcher(debounce, recorder);
    this.started.add(started);
    started.watch(
        Map.of(
            LORA, List.of(root(loras)),
            CHECKPOINT, List.of(root(checkpoints)),
            EMBEDDING, List.of(root(embeddings))));
    return started;
  }

  static ModelRoot root(Path dir) throws IOException {
    return new ModelRoot(dir.toAbsolutePath(), dir.toRealPath(), null);
  }

  static Path write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "x");
  }

  /** Drops an embedding into the embeddings root. */
  void witness() throws IOException {
    write(embeddings.resolve("witness-" + System.nanoTime() + ".pt"));
  }

  void awaitCalls(ModelType... expected) {
    awaitCalls(calls, expected);
  }

  static void awaitCalls(Recorder recorder, ModelType... expected) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(recorder.types()).containsExactlyInAnyOrder(expected));
  }
}
