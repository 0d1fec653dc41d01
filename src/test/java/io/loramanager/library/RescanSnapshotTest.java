package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rescan publishes a new snapshot only when the catalogue changed, so that a no-change rescan
 * keeps the sorted views and indexes the current snapshot has built.
 */
@QuarkusTest
class RescanSnapshotTest {

  @Inject ModelCatalog catalog;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  @Test
  void aRescanThatFindsNoChangeKeepsThePublishedSnapshot() {
    library.modelWithSidecar(library.loras(), "styles/ink.safetensors", sidecar -> {});
    assertThat(TestLibrary.scan("loras").getInt("added")).isEqualTo(1);
    CatalogSnapshot before = catalog.current(ModelType.LORA);

    assertThat(TestLibrary.scan("loras").getInt("unchanged")).isEqualTo(1);

    assertThat(catalog.current(ModelType.LORA)).isSameAs(before);
    assertThat(before.active()).extracting(ModelEntry::fileName).containsExactly("ink");
  }

  @Test
  void aRescanThatFindsAChangePublishesANewSnapshot() {
    library.modelWithSidecar(library.loras(), "styles/ink.safetensors", sidecar -> {});
    TestLibrary.scan("loras");
    CatalogSnapshot before = catalog.current(ModelType.LORA);
    Path added = library.modelWithSidecar(library.loras(), "styles/wash.safetensors", s -> {});

    assertThat(TestLibrary.scan("loras").getInt("added")).isEqualTo(1);

    CatalogSnapshot after = catalog.current(ModelType.LORA);
    assertThat(after).isNotSameAs(before);
    assertThat(after.byPath(LibraryFixture.slashes(added))).isNotNull();
    assertThat(before.byPath(LibraryFixture.slashes(added))).isNull();
  }
}
