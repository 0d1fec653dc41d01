package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a parser may consult: the local library, and Civitai when a client is installed (null
 * otherwise, see {@link CivitaiModels}).
 */
public record ParseContext(LocalModels local, CivitaiModels civitai) {

  /** The Civitai answer for a version id; not asked when there is no client or it cannot answer. */
  Lookup version(String versionId) {
    if (civitai == null) {
      return Lookup.ABSENT;
    }
    try {
      return Lookup.of(civitai.versionById(versionId));
    } catch (CivitaiModels.Unavailable e) {
      return Lookup.ABSENT;
    }
  }

  /** The Civitai answer for a hash; not asked when there is no client or it cannot answer. */
  Lookup hash(String hash) {
    if (civitai == null) {
      return Lookup.ABSENT;
    }
    try {
      return Lookup.of(civitai.versionByHash(hash));
    } catch (CivitaiModels.Unavailable e) {
      return Lookup.ABSENT;
    }
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
