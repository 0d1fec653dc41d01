package io.loramanager.library;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Single-model changes: read one file as a scan would, apply it to SQLite and the snapshot. */
@QuarkusTest
class CatalogUpdaterTest {

  @Inject ModelReader reader;
  @Inject CatalogUpdater updater;
  @Inject ModelCatalog catalog;
  @Inject CatalogStore store;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  @Test
  void aFileReadAloneIsAddedToTheCatalogueAndTheDatabase() throws Exception {
    Path model = library.model(library.loras(), "solo/one.safetensors");

    ModelFileProcessor.Outcome outcome = reader.read(ModelType.LORA, model);
    ModelEntry entry = ((ModelFileProcessor.Catalogued) outcome).entry();
    catalog.change(
        ModelType.LORA,
        () -> {
          updater.apply(ModelType.LORA, List.of(entry), List.of());
          return null;
        });

    assertThat(entry.folder()).isEqualTo("solo");
    assertThat(entry.sha256()).isEqualTo(LibraryFixture.sha256(LibraryFixture.read(model)));
    assertThat(Files.exists(LibraryFixture.sidecarOf(model))).isTrue();
    given().get("/api/lm/loras/list").then().body("items.file_name", contains("one"));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactly(entry.filePath());
  }

  @Test
  void removedPathsLeaveTheCatalogueAndTheDatabase() {
    Path model = library.modelWithSidecar(library.loras(), "gone.safetensors", s -> {});
    TestLibrary.scan("loras");

    catalog.change(
        ModelType.LORA,
        () -> {
          updater.apply(ModelType.LORA, List.of(), List.of(LibraryFixture.slashes(model)));
          return null;
        });

    assertThat(catalog.snapshot(ModelType.LORA).size()).isZero();
    assertThat(store.load(ModelType.LORA)).isEmpty();
  }

  @Test
  void filesOutsideTheRootsOrOfAnotherTypeAreRefused() {
    Path embedding = library.model(library.embeddings(), "e.pt");

    assertThatThrownBy(() -> reader.read(ModelType.LORA, embedding))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is outside the lora roots");
    Path notLora = library.model(library.loras(), "notes.txt");
    assertThatThrownBy(() -> reader.read(ModelType.LORA, notLora))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is not a lora file");
    assertThat(reader.rootOf(ModelType.LORA, Path.of("/elsewhere/x.safetensors"))).isEmpty();
  }
}
