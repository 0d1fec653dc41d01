package io.loramanager.recipe.parse;

import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An in-memory library for parser tests; records every query, in order. */
final class FakeLocalModels implements LocalModels {

  final List<ModelEntry> loras = new ArrayList<>();
  final List<ModelEntry> checkpoints = new ArrayList<>();
  final List<String> queries = new ArrayList<>();

  FakeLocalModels lora(ModelEntry entry) {
    loras.add(entry);
    return this;
  }

  @Override
  public Optional<ModelEntry> loraByHash(String hash) {
    queries.add("hash:" + hash);
    return byHash(loras, hash);
  }

  @Override
  public Optional<ModelEntry> loraByName(String name, String recipeBaseModel) {
    queries.add("name:" + name + "@" + recipeBaseModel);
    return LibraryLocalModels.byName(loras, name, recipeBaseModel);
  }

  @Override
  public Optional<ModelEntry> loraByVersionId(long versionId) {
    queries.add("version:" + versionId);
    return loras.stream()
        .filter(e -> e.civitaiVersionId() != null && e.civitaiVersionId() == versionId)
        .findFirst();
  }

  @Override
  public Optional<ModelEntry> checkpointByHash(String hash) {
    return byHash(checkpoints, hash);
  }

  private static Optional<ModelEntry> byHash(List<ModelEntry> entries, String hash) {
    String h = hash.toLowerCase(Locale.ROOT);
    return entries.stream()
        .filter(
            e ->
                e.sha256().equals(h)
                    || (h.length() == 10 && e.sha256().startsWith(h))
                    || h.equals(e.autov3()))
        .findFirst();
  }
}
