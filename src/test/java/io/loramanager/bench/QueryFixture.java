package io.loramanager.bench;

import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.query.ModelQuery;
import io.loramanager.library.query.ModelQueryService;
import io.loramanager.library.query.SortSpec;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.LibraryGenerator;
import io.loramanager.testsupport.TestConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The query side of the server built with plain {@code new}, no container: a {@link
 * ModelQueryService} with default settings, and generated catalogues held only in memory.
 */
final class QueryFixture {

  private QueryFixture() {}

  /** A LoRA catalogue of {@code count} generated entries (the same ones a scan would build). */
  static List<ModelEntry> loraEntries(int count, long seed) {
    return new LibraryGenerator(Path.of("/bench/models"), seed, LibraryGenerator.Mix.LORAS_ONLY)
        .entries(ModelType.LORA, count);
  }

  static CatalogSnapshot snapshot(List<ModelEntry> entries) {
    return new CatalogSnapshot(ModelType.LORA, entries);
  }

  /** The service with the reference default settings (no {@code settings.json}). */
  static ModelQueryService service(Path dataDir) {
    SettingsStore store = TestConfig.of(dataDir, dataDir.resolve("models")).settings();
    return new ModelQueryService(new ModelCatalog(), new LibrarySettings(store));
  }

  /**
   * {@code GET /api/lm/loras/list?page=PAGE&page_size=SIZE&sort_by=name[&search=TERM]}: the
   * defaults of {@link ModelQuery#defaults()} with the page, size and search changed.
   */
  static ModelQuery nameQuery(int page, int pageSize, String search) {
    ModelQuery d = ModelQuery.defaults();
    return new ModelQuery(
        page,
        pageSize,
        SortSpec.NAME,
        d.folder(),
        d.recursive(),
        d.folderInclude(),
        d.folderExclude(),
        search,
        d.fuzzy(),
        d.searchFields(),
        d.baseModels(),
        d.modelTypes(),
        d.tagInclude(),
        d.tagExclude(),
        d.tagLogicAll(),
        d.autoTagInclude(),
        d.autoTagExclude(),
        d.favoritesOnly(),
        d.hashes(),
        d.creditRequired(),
        d.allowSelling(),
        d.namePatterns(),
        d.firstLetter(),
        d.groupByModel(),
        d.civitaiModelId(),
        d.updateAvailableOnly());
  }
}
