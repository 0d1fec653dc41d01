package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** verify-duplicates through HTTP: fresh hashes, sidecars rewritten where they differ. */
@QuarkusTest
class DuplicateVerifyFlowTest {

  private static final byte[] SAME = "same weights".getBytes(StandardCharsets.UTF_8);

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path first;
  private Path second;

  @BeforeEach
  void twoDuplicates() {
    library = TestLibrary.fresh();
    first = library.modelWithSidecar(library.loras(), "a/dup.safetensors", SAME, s -> {});
    second = library.modelWithSidecar(library.loras(), "b/dup copy.safetensors", SAME, s -> {});
    TestLibrary.scan("loras");
  }

  private static Response verify(String json) {
    return given().contentType(ContentType.JSON).body(json).post("/api/lm/loras/verify-duplicates");
  }

  private String paths() {
    return "{\"file_paths\": [\"%s\", \"%s\"]}"
        .formatted(LibraryFixture.slashes(first), LibraryFixture.slashes(second));
  }

  @Test
  void identicalFilesAreVerifiedAndNothingIsRewritten() {
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(second));

    assertThat(bodyOf(verify(paths()), 200))
        .isEqualTo(
            map(
                "success",
                true,
                "verified_as_duplicates",
                true,
                "mismatched_files",
                List.of(),
                "new_hash_map",
                Map.of()));
    assertError(
        verify(
            "{\"file_paths\": [\"%s\", \"relative.safetensors\"]}"
                .formatted(LibraryFixture.slashes(second))),
        400,
        "Path 'relative.safetensors' is outside the configured LoRA folders");
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(second))).isEqualTo(before);
  }

  @Test
  void aChangedFileIsReportedAndItsNewHashWrittenBack() {
    byte[] changed = "other weights".getBytes(StandardCharsets.UTF_8);
    LibraryFixture.write(second, changed);
    String newSha = LibraryFixture.sha256(changed);
    String secondPath = LibraryFixture.slashes(second);

    assertThat(bodyOf(verify(paths()), 200))
        .isEqualTo(
            map(
                "success",
                true,
                "verified_as_duplicates",
                false,
                "mismatched_files",
                List.of(secondPath),
                "new_hash_map",
                Map.of(secondPath, newSha)));
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(second)).get("sha256").asText())
        .isEqualTo(newSha);
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(first)).get("sha256").asText())
        .isEqualTo(LibraryFixture.sha256(SAME));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::sha256)
        .containsExactly(LibraryFixture.sha256(SAME), newSha);
    given()
        .get("/api/lm/loras/find-duplicates")
        .then()
        .statusCode(200)
        .body("duplicates", org.hamcrest.Matchers.empty());
    given()
        .get("/api/lm/loras/list")
        .then()
        .body("items.sha256", org.hamcrest.Matchers.hasItems(newSha));
  }

  @Test
  void emptyMissingOrUnknownPathsAreRefusedBeforeAnyHashing() {
    assertError(verify("{}"), 400, "No file paths provided for verification");
    assertError(verify("{\"file_paths\": []}"), 400, "No file paths provided for verification");
    assertError(verify("{\"file_paths\": [3]}"), 400, "file_paths must be a list of strings");
    LibraryFixture.write(second, "changed".getBytes(StandardCharsets.UTF_8));
    String unknown = LibraryFixture.slashes(library.loras().resolve("zz.safetensors"));
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(second));

    assertError(
        verify(
            "{\"file_paths\": [\"%s\", \"%s\"]}"
                .formatted(LibraryFixture.slashes(second), unknown)),
        404,
        "LoRA not found: " + unknown);
    assertError(
        verify(
            "{\"file_paths\": [\"%s\", \"relative.safetensors\"]}"
                .formatted(LibraryFixture.slashes(second))),
        400,
        "Path 'relative.safetensors' is outside the configured LoRA folders");
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(second))).isEqualTo(before);
    given().get("/api/lm/loras/list").then().body("items.file_name", contains("dup", "dup copy"));
  }
}
