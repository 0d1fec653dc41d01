package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a parser may consult: the local library, and Civitai when a client is installed (null
 * otherwise, see {@link CivitaiModels}).
 */
public record ParseContext(LocalModels local, CivitaiModels civitai) {

  /** The Civitai answer for a version id; null when there is no client or it has no answer. */
  Lookup version(String versionId) {
    return civitai == null ? Lookup.ABSENT : Lookup.of(civitai.versionById(versionId));
  }

  /** The Civitai answer for a hash; null when there is no client or it has no answer. */
  Lookup hash(String hash) {
    return civitai == null ? Lookup.ABSENT : Lookup.of(civitai.versionByHash(hash));
  }

  /** A Civitai lookup: asked and found, asked and not found, or not asked (no client). */
  record Lookup(boolean asked, JsonNode info) {
    static final Lookup ABSENT = new Lookup(false, null);

    static Lookup of(Optional<JsonNode> answer) {
      return new Lookup(true, answer.orElse(null));
    }

    boolean notFound() {
      return asked && info == null;
    }
  }
}
