package io.loramanager.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.library.FoundModel;
import io.loramanager.library.LibraryWalker;
import io.loramanager.library.ModelFileProcessor;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import io.loramanager.library.SidecarStore;
import io.loramanager.storage.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs one model file through the real walk and the real {@link ModelFileProcessor}, as a scan
 * does, with a fixed clock and a small hash chunk.
 */
public final class Processing {

  /** The fixed "now" of the processor: 1700000000.5 epoch seconds. */
  public static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L, 500_000_000);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Processing() {}

  public static ModelFileProcessor processor(ModelType type) {
    return new ModelFileProcessor(
        type,
        new SidecarStore(new JsonFiles(MAPPER)),
        MAPPER,
        Clock.fixed(NOW, ZoneOffset.UTC),
        4 * 1024 * 1024);
  }

  /** The walk's view of {@code model} under {@code root} (sub-type for checkpoint roots). */
  public static FoundModel found(ModelType type, Path root, String subType, Path model) {
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      ModelRoot modelRoot = new ModelRoot(root, root.toRealPath(), subType);
      String wanted = LibraryFixture.slashes(model);
      return new LibraryWalker(pool)
          .walk(type, List.of(modelRoot), () -> false).models().stream()
              .filter(m -> m.filePath().equals(wanted))
              .findFirst()
              .orElseThrow(() -> new AssertionError("walk did not find " + wanted));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Walks and processes one model. */
  public static ModelFileProcessor.Outcome process(
      ModelType type, Path root, String subType, Path model) {
    return processor(type).process(found(type, root, subType, model));
  }
}
