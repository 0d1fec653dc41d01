package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.civitai.CivitaiClient;
import io.loramanager.civitai.CivitaiFailure;
import io.loramanager.recipe.parse.CivitaiModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The parsers' Civitai step (anchor-recipes §2.4, §2.6) over the shared {@link CivitaiClient}, so
 * recipe lookups share its offline guard, rate limiter, retries and version cache. A 404 is "not
 * found" (the entry becomes {@code isDeleted}); any other failure is {@link
 * CivitaiModels.Unavailable} and leaves the entry unresolved, so an analysis never fails because
 * Civitai is down.
 */
@ApplicationScoped
public class CivitaiRecipeModels implements CivitaiModels {

  private static final Logger LOG = Logger.getLogger(CivitaiRecipeModels.class);

  private final CivitaiClient client;

  @Inject
  public CivitaiRecipeModels(CivitaiClient client) {
    this.client = client;
  }

  @Override
  public Optional<JsonNode> versionById(String versionId) {
    long id;
    try {
      id = Long.parseLong(versionId == null ? "" : versionId.trim());
    } catch (NumberFormatException e) {
      // Not a Civitai version id at all: nothing to ask, and nothing proves it deleted.
      throw new Unavailable("Not a Civitai version id: " + versionId);
    }
    try {
      return Optional.of(client.version(id));
    } catch (CivitaiFailure e) {
      return notFoundOrUnavailable(e);
    }
  }

  @Override
  public Optional<JsonNode> versionByHash(String hash) {
    if (hash == null || hash.isBlank()) {
      throw new Unavailable("No hash to look up");
    }
    try {
      return Optional.of(client.versionByHash(hash));
    } catch (CivitaiFailure e) {
      return notFoundOrUnavailable(e);
    }
  }

  private static Optional<JsonNode> notFoundOrUnavailable(CivitaiFailure e) {
    if (e.reason() == CivitaiFailure.Reason.NOT_FOUND) {
      return Optional.empty();
    }
    LOG.debugf("Civitai lookup for a recipe left unresolved: %s", e.getMessage());
    throw new Unavailable(e.getMessage());
  }
}
