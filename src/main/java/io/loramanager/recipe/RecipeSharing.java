package io.loramanager.recipe;

import io.loramanager.errors.LmException;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Shares a recipe image (anchor-recipes §4.7): a copy is kept for {@code lm.recipes.share-ttl} and
 * served as an attachment named {@code recipe_<slug><ext>}. Expired copies are removed on the next
 * share.
 */
@ApplicationScoped
public class RecipeSharing {

  private static final Logger LOG = Logger.getLogger(RecipeSharing.class);

  private final RecipeLookup lookup;
  private final LmConfig config;
  private final Clock clock;
  private final Map<String, Shared> shares = new ConcurrentHashMap<>();

  @Inject
  public RecipeSharing(RecipeLookup lookup, LmConfig config, Clock clock) {
    this.lookup = lookup;
    this.config = config;
    this.clock = clock;
  }

  /** A shared copy. */
  public record Shared(String recipeId, Path file, String fileName, Instant expiresAt) {}

  public Shared share(String recipeId) {
    Recipe recipe = lookup.byId(recipeId);
    purgeExpired();
    Path media = recipe.filePath().isEmpty() ? null : Path.of(recipe.filePath());
    if (media == null || !Files.isRegularFile(media)) {
      throw LmException.notFound("Recipe image not found");
    }
    String extension = extensionOf(media.getFileName().toString());
    Path dir = config.dataDir().resolve("recipe-shares");
    Path copy = dir.resolve(recipe.id() + extension);
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(recipe.id() + extension + ".tmp");
      Files.copy(media, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE, "Cannot prepare the shared image: " + e.getMessage(), e);
    }
    Shared shared =
        new Shared(
            recipe.id(),
            copy,
            "recipe_" + slug(recipe.title(), recipe.id()) + extension,
            clock.instant().plus(config.recipes().shareTtl()));
    shares.put(recipe.id(), shared);
    return shared;
  }

  /** The shared copy of a recipe; 404 when never shared or expired. */
  public Shared download(String recipeId) {
    Shared shared = shares.get(recipeId);
    if (shared == null
        || !clock.instant().isBefore(shared.expiresAt())
        || !Files.isRegularFile(shared.file())) {
      throw LmException.notFound("Shared recipe expired or not found");
    }
    return shared;
  }

  private void purgeExpired() {
    Instant now = clock.instant();
    for (Shared shared : shares.values()) {
      if (!now.isBefore(shared.expiresAt()) && shares.remove(shared.recipeId(), shared)) {
        try {
          Files.deleteIfExists(shared.file());
        } catch (IOException e) {
          LOG.debugf("Cannot remove expired share %s: %s", shared.file(), e.getMessage());
        }
      }
    }
  }

  private static String extensionOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
  }

  /**
   * The title folded to a safe ASCII file-name part; the id, else "recipe", when nothing is left.
   */
  static String slug(String title, String id) {
    String slug = fold(title);
    if (slug.isEmpty()) {
      slug = fold(id);
    }
    return slug.isEmpty() ? "recipe" : slug;
  }

  private static String fold(String text) {
    String ascii =
        Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
            .replaceAll("[^\\x00-\\x7F]", "");
    return ascii
        .replaceAll("[\\r\\n]", " ")
        .replaceAll("[^A-Za-z0-9._-]+", "_")
        .replaceAll("_+", "_")
        .replaceAll("^[._-]+|[._-]+$", "")
        .toLowerCase(Locale.ROOT);
  }
}
