package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.LibraryRequests.namesIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.ImmutableFiles;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up sweep over staging folders left by an earlier run: crash recovery, quarantine,
 * purge, and batches that stay undoable. Runs {@link PendingDeletes#sweep} as start-up does.
 */
@QuarkusTest
class PendingDeleteSweepTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BATCH = "0123456789abcdef0123456789abcdef";

  @Inject PendingDeletes pending;
  @Inject PendingDeletePurge purge;
  @Inject Clock clock;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private Path staging(Path folder, String batch) {
    return folder.resolve(".lm-pending-delete").resolve(batch);
  }

  /** Stages {@code files} by hand as a crashed or earlier run would have left them. */
  private Path leftBatch(String state, long expiresAt, Path folder, String... names) {
    Path dir = staging(folder, BATCH);
    ObjectNode manifest = MAPPER.createObjectNode();
    manifest.put("batch_id", BATCH);
    manifest.put("kind", "model");
    manifest.put("model_type", "loras");
    manifest.put("state", state);
    manifest.put("created_at", expiresAt - 20);
    manifest.put("expires_at", expiresAt);
    ArrayNode entries = manifest.putArray("entries");
    for (String name : names) {
      entries
          .addObject()
          .put("original", folder.resolve(name).toString())
          .put("staged", dir.resolve(name).toString())
          .put("restored", false);
    }
    LibraryFixture.write(dir.resolve("manifest.json"), manifest.toString().getBytes());
    return dir;
  }

  @Test
  void crashBetweenManifestAndMovesIsRolledBack() throws Exception {
    Path folder = library.loras();
    Path dir =
        leftBatch(
            "staging",
            clock.instant().getEpochSecond() + 20,
            folder,
            "a.safetensors",
            "a.metadata.json",
            "a.webp");
    // The crash came after the first two moves: a.webp never left.
    Path model = library.modelWithSidecar(folder, "a.safetensors", "weights".getBytes(), s -> {});
    library.preview(model, ".webp");
    Files.move(model, dir.resolve("a.safetensors"));
    Files.move(LibraryFixture.sidecarOf(model), dir.resolve("a.metadata.json"));

    pending.sweep(clock.instant());

    assertThat(namesIn(folder)).containsExactly("a.metadata.json", "a.safetensors", "a.webp");
    assertThat(new String(LibraryFixture.read(folder.resolve("a.safetensors"))))
        .isEqualTo("weights");
    assertThat(TestLibrary.scan("loras").getInt("total")).isEqualTo(1);
  }

  @Test
  void interruptedBatchWhoseOriginalIsTakenIsQuarantined() throws Exception {
    Path folder = library.loras();
    Path dir =
        leftBatch(
            "staging", clock.instant().getEpochSecond() + 20, folder, "a.safetensors", "a.png");
    LibraryFixture.write(dir.resolve("a.safetensors"), "weights".getBytes());
    LibraryFixture.write(dir.resolve("a.png"), LibraryFixture.PNG);
    LibraryFixture.write(folder.resolve("a.png"), "newer".getBytes());

    pending.sweep(clock.instant());

    Path quarantined = folder.resolve(".lm-pending-delete/quarantine-" + BATCH);
    assertThat(namesIn(quarantined)).containsExactly("a.png", "manifest.json");
    assertThat(new String(LibraryFixture.read(folder.resolve("a.png")))).isEqualTo("newer");
    assertThat(new String(LibraryFixture.read(folder.resolve("a.safetensors"))))
        .isEqualTo("weights");
  }

  @Test
  void stagingFolderWithoutManifestIsQuarantinedNeverDeleted() throws Exception {
    Path folder = library.loras().resolve("sub");
    Path dir = staging(folder, BATCH);
    LibraryFixture.write(dir.resolve("only-copy.safetensors"), "precious".getBytes());
    Path other = staging(library.loras(), "fedcba9876543210fedcba9876543210");
    LibraryFixture.write(other.resolve("x.safetensors"), "x".getBytes());
    LibraryFixture.write(other.resolve("manifest.json"), "{not json".getBytes());

    pending.sweep(clock.instant().plusSeconds(3600));

    assertThat(Files.exists(dir)).isFalse();
    assertThat(
            new String(
                LibraryFixture.read(
                    folder.resolve(
                        ".lm-pending-delete/quarantine-" + BATCH + "/only-copy.safetensors"))))
        .isEqualTo("precious");
    assertThat(
            namesIn(
                library
                    .loras()
                    .resolve(".lm-pending-delete/quarantine-fedcba9876543210fedcba9876543210")))
        .containsExactly("manifest.json", "x.safetensors");

    // Quarantined folders are left alone by later sweeps.
    pending.sweep(clock.instant().plusSeconds(7200));
    assertThat(namesIn(folder.resolve(".lm-pending-delete")))
        .containsExactly("quarantine-" + BATCH);
  }

  @Test
  void expiredBatchLeftByAnEarlierRunIsPurged() throws Exception {
    Path folder = library.loras();
    Path dir = leftBatch("staged", clock.instant().getEpochSecond() - 5, folder, "old.safetensors");
    LibraryFixture.write(dir.resolve("old.safetensors"), "old".getBytes());
    LibraryFixture.write(folder.resolve("keep.safetensors"), "keep".getBytes());

    pending.sweep(clock.instant());

    assertThat(namesIn(folder)).containsExactly("keep.safetensors");
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("batch_id", BATCH))
            .post("/api/lm/undo-delete"),
        404,
        "Undo window expired for batch " + BATCH);
  }

  @Test
  void batchStillInItsWindowStaysUndoableAfterARestart() throws Exception {
    Path folder = library.loras();
    Path dir =
        leftBatch(
            "staged",
            Instant.now().getEpochSecond() + 60,
            folder,
            "back.safetensors",
            "back.metadata.json");
    Path model = folder.resolve("back.safetensors");
    library.model(folder, "back.safetensors");
    library.writeSidecar(model, LibraryFixture.defaultSidecar(model));
    Files.move(model, dir.resolve("back.safetensors"));
    Files.move(LibraryFixture.sidecarOf(model), dir.resolve("back.metadata.json"));

    pending.sweep(clock.instant());
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("batch_id", BATCH))
        .post("/api/lm/undo-delete")
        .then()
        .statusCode(200);

    assertThat(namesIn(folder)).containsExactly("back.metadata.json", "back.safetensors");
    assertThat(
            given()
                .get("/api/lm/loras/list")
                .then()
                .extract()
                .jsonPath()
                .getList("items.file_name"))
        .containsExactly("back");
  }

  @Test
  void batchRememberedButPastItsWindowCannotBeUndone() throws Exception {
    Path folder = library.loras();
    long expires = clock.instant().getEpochSecond() - 1;
    Path dir = leftBatch("staged", expires, folder, "late.safetensors");
    LibraryFixture.write(dir.resolve("late.safetensors"), "late".getBytes());

    // Swept as if at start-up a minute ago: still in its window then, so kept for undo.
    pending.sweep(Instant.ofEpochSecond(expires - 60));

    assertError(
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("batch_id", BATCH))
            .post("/api/lm/undo-delete"),
        404,
        "Undo window expired for batch " + BATCH);
    assertThat(Files.exists(folder.resolve("late.safetensors"))).isFalse();
    purge.purgeExpired(); // what the scheduler runs every 10 s
    assertThat(Files.exists(folder.resolve(".lm-pending-delete"))).isFalse();
    assertThat(Files.exists(folder.resolve("late.safetensors"))).isFalse();
  }

  @Test
  void manifestNamingAFileOutsideItsFolderIsQuarantinedAndNothingIsDeleted() throws Exception {
    Path folder = library.loras();
    Path victim = library.model(library.checkpoints(), "victim.safetensors");
    Path dir = staging(folder, BATCH);
    ObjectNode manifest = MAPPER.createObjectNode();
    manifest.put("batch_id", BATCH);
    manifest.put("kind", "model");
    manifest.put("model_type", "loras");
    manifest.put("state", "staged");
    manifest.put("expires_at", 1);
    manifest
        .putArray("entries")
        .addObject()
        .put("original", folder.resolve("victim.safetensors").toString())
        .put("staged", victim.toString());
    LibraryFixture.write(dir.resolve("manifest.json"), manifest.toString().getBytes());

    pending.sweep(clock.instant());

    assertThat(Files.exists(victim)).isTrue();
    assertThat(namesIn(folder.resolve(".lm-pending-delete")))
        .containsExactly("quarantine-" + BATCH);
  }

  @Test
  void restoredBatchLeftOverIsCleanedUp() throws Exception {
    Path folder = library.loras();
    leftBatch("restored", clock.instant().getEpochSecond() + 20, folder, "r.safetensors");
    LibraryFixture.write(folder.resolve("r.safetensors"), "r".getBytes());

    pending.sweep(clock.instant());

    assertThat(namesIn(folder)).containsExactly("r.safetensors");
  }

  @Test
  void stagedFileThatCannotBeDeletedIsKeptForTheNextSweep() throws Exception {
    Path model = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String batch =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("file_path", LibraryFixture.slashes(model)))
            .post("/api/lm/loras/delete")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("batch_id");
    Path dir = staging(library.loras(), batch);
    Path locked = dir.resolve("a.safetensors");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ImmutableFiles.set(locked, true), "chattr +i is not available here");
    try {
      assertThat(pending.purgeExpired(clock.instant().plusSeconds(60))).contains(batch);
      assertThat(namesIn(dir)).containsExactly("a.safetensors", "manifest.json");
    } finally {
      ImmutableFiles.set(locked, false);
    }

    pending.sweep(clock.instant().plusSeconds(60));

    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThat(namesIn(library.loras())).isEmpty();
  }
}
