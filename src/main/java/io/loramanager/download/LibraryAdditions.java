package io.loramanager.download;

import io.loramanager.events.ProgressEvents;
import io.loramanager.library.CatalogUpdater;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelFileProcessor;
import io.loramanager.library.ModelReader;
import io.loramanager.library.ModelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Puts downloaded files into the catalogue under the type's one-writer lock, as a scan would. */
@ApplicationScoped
public class LibraryAdditions {

  private final ModelCatalog catalog;
  private final ModelReader reader;
  private final CatalogUpdater updater;
  private final ProgressEvents events;

  @Inject
  public LibraryAdditions(
      ModelCatalog catalog, ModelReader reader, CatalogUpdater updater, ProgressEvents events) {
    this.catalog = catalog;
    this.reader = reader;
    this.updater = updater;
    this.events = events;
  }

  /** Reads the files as a scan would and adds them to the catalogue, then tells the clients. */
  void add(ModelType type, List<DownloadedModels.ModelFile> files) {
    catalog.change(
        type,
        () -> {
          try {
            List<ModelEntry> entries = new ArrayList<>();
            for (DownloadedModels.ModelFile file : files) {
              ModelFileProcessor.Outcome outcome = reader.read(type, file.path());
              if (outcome instanceof ModelFileProcessor.Catalogued catalogued) {
                entries.add(catalogued.entry());
              }
            }
            updater.apply(type, entries, new ArrayList<>());
            return null;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    events.modelsChanged();
  }
}
