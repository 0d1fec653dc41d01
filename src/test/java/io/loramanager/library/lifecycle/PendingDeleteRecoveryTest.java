package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.LibraryRequests.namesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelType;
import io.loramanager.storage.JsonFiles;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PendingDeletes} against a clock the test moves: undo at the end of the window (before the
 * purge ran), and the start-up sweep after a crash at each point of staging. Plain JUnit: no
 * Quarkus, a real library in a temp folder.
 */
class PendingDeleteRecoveryTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private LibraryFixture library;
  private PendingDeletes pending;
  private Path model;
  private Path sidecar;
  private Path preview;

  @BeforeEach
  void library() throws Exception {
    library = new LibraryFixture(dir.resolve("models")).reset();
    TestConfig config = TestConfig.of(Files.createDirectories(dir.resolve("data")), library.dir());
    pending =
        new PendingDeletes(
            new StagingArea(new JsonFiles(new ObjectMapper())),
            new LibraryRoots(config, config.settings()),
            clock,
            config);
    model = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    sidecar = LibraryFixture.sidecarOf(model);
    preview = library.preview(model, ".webp");
  }

  private PendingDeletes.Staged stage() {
    return pending.stage(
        ModelType.LORA,
        List.of(new PendingDeletes.ModelFiles(model, List.of(model, preview, sidecar))));
  }

  private Path stagingOf(String batch) {
    return library.loras().resolve(".lm-pending-delete").resolve(batch);
  }

  @Test
  void undoOneSecondBeforeTheWindowEndsRestores() {
    PendingDeletes.Staged staged = stage();
    assertThat(staged.expiresAt()).isEqualTo(T0.plusSeconds(20));

    clock.set(staged.expiresAt().minusSeconds(1));
    PendingDeletes.Restored restored = pending.restore(staged.batchId());

    assertThat(restored.files()).containsExactly(model, preview, sidecar);
    assertThat(namesIn(library.loras()))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp");
  }

  @Test
  void undoAfterTheWindowButBeforeThePurgeIsRefusedAndKeepsTheStagedFiles() {
    PendingDeletes.Staged staged = stage();
    Path staging = stagingOf(staged.batchId());

    clock.set(staged.expiresAt());

    assertThatThrownBy(() -> pending.restore(staged.batchId()))
        .isInstanceOfSatisfying(
            LmException.class, e -> assertThat(e.kind()).isEqualTo(LmException.Kind.NOT_FOUND))
        .hasMessage("Undo window expired for batch " + staged.batchId());
    assertThat(namesIn(library.loras())).containsExactly(".lm-pending-delete");
    assertThat(namesIn(staging))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp", "manifest.json");

    // The purge then deletes them, and the batch stays "expired" rather than "unknown".
    assertThat(pending.purgeExpired(clock.instant())).containsExactly(staged.batchId());
    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThatThrownBy(() -> pending.restore(staged.batchId()))
        .hasMessage("Undo window expired for batch " + staged.batchId());
  }

  @Test
  void crashAfterEveryMoveButBeforeTheManifestSaidStagedIsRolledBackAtStartUp() throws Exception {
    PendingDeletes.Staged staged = stage();
    Path staging = stagingOf(staged.batchId());
    // What the disk holds if the process died just before the final manifest write.
    Path manifest = staging.resolve(StagingManifest.FILE_NAME);
    ObjectNode json = LibraryFixture.readJson(manifest);
    assertThat(json.get("state").asText()).isEqualTo("staged");
    LibraryFixture.write(manifest, MAPPER.writeValueAsBytes(json.put("state", "staging")));
    assertThat(namesIn(staging))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp", "manifest.json");

    PendingDeletes afterRestart = restarted();
    afterRestart.sweep(clock.instant());

    assertThat(namesIn(library.loras()))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp");
    assertThat(LibraryFixture.read(model)).isEqualTo("a.safetensors".getBytes());
    assertThat(LibraryFixture.read(preview)).isEqualTo(LibraryFixture.PNG);
    assertThatThrownBy(() -> afterRestart.restore(staged.batchId()))
        .hasMessage("Unknown batch id: " + staged.batchId());
  }

  @Test
  void crashWhileWritingTheFirstManifestLeavesTheFilesAndQuarantinesTheFolder() throws Exception {
    String batch = "00112233445566778899aabbccddeeff";
    Path staging = Files.createDirectories(stagingOf(batch));
    // The atomic write's temp file was being written: no manifest, no file moved yet.
    Files.writeString(staging.resolve(StagingManifest.FILE_NAME + ".tmp"), "{\"batch_id\":\"0011");

    restarted().sweep(clock.instant());

    assertThat(namesIn(library.loras()))
        .containsExactly(".lm-pending-delete", "a.metadata.json", "a.safetensors", "a.webp");
    assertThat(namesIn(library.loras().resolve(".lm-pending-delete")))
        .containsExactly("quarantine-" + batch);
    assertThat(namesIn(library.loras().resolve(".lm-pending-delete/quarantine-" + batch)))
        .containsExactly("manifest.json.tmp");
  }

  @Test
  void batchStagedBeforeARestartIsUndoableUntilItsWindowEnds() {
    PendingDeletes.Staged staged = stage();

    PendingDeletes afterRestart = restarted();
    clock.set(T0.plusSeconds(5));
    afterRestart.sweep(clock.instant());
    PendingDeletes.Restored restored = afterRestart.restore(staged.batchId());

    assertThat(restored.models()).containsExactly(model);
    assertThat(namesIn(library.loras()))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp");
  }

  /** A new instance over the same disk: what the next process start sees. */
  private PendingDeletes restarted() {
    TestConfig config = TestConfig.of(dir.resolve("data"), library.dir());
    return new PendingDeletes(
        new StagingArea(new JsonFiles(new ObjectMapper())),
        new LibraryRoots(config, config.settings()),
        clock,
        config);
  }

  /** A clock the test sets; the seam {@link PendingDeletes} takes for time. */
  private static final class SettableClock extends Clock {
    private Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
