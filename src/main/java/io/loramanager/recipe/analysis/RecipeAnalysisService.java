package io.loramanager.recipe.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.media.ImageFormat;
import io.loramanager.recipe.image.ImageTextReader;
import io.loramanager.recipe.image.ImageTexts;
import io.loramanager.recipe.parse.LoraFingerprint;
import io.loramanager.recipe.parse.RecipeParsers;
import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The import dialog's analysis (anchor-recipes §2.9): read the image's generation text, parse it,
 * add the fingerprint and the saved recipes that share it. An uploaded file and a local file
 * (confined to the configured model folders, unlike the reference) are both limited to {@code
 * lm.recipes.max-upload-bytes}. Nothing is written.
 */
@ApplicationScoped
public class RecipeAnalysisService {

  static final String NO_METADATA = "No metadata found in this image";

  private final ImageTextReader reader;
  private final RecipeParsers parsers;
  private final MatchingRecipes matching;
  private final LibraryRoots roots;
  private final long maxBytes;

  @Inject
  public RecipeAnalysisService(
      ImageTextReader reader,
      RecipeParsers parsers,
      MatchingRecipes matching,
      LibraryRoots roots,
      LmConfig config) {
    this.reader = reader;
    this.parsers = parsers;
    this.matching = matching;
    this.roots = roots;
    this.maxBytes = config.recipes().maxUploadBytes().asLongValue();
  }

  /** Analyses an uploaded file (a temp file the caller deletes); no {@code image_base64}. */
  public ObjectNode analyzeUpload(Path upload) {
    if (upload == null) {
      throw LmException.badInput("No image uploaded: send the file in the multipart field 'image'");
    }
    requireWithinLimit(size(upload));
    return analyze(upload);
  }

  /** Analyses a file inside the model folders; the answer carries the file as base64. */
  public ObjectNode analyzeLocal(String rawPath) {
    Path file = confined(rawPath);
    long size = size(file);
    requireWithinLimit(size);
    ObjectNode result = analyze(file);
    try {
      result.put("image_base64", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw LmException.notFound("Image not readable: " + rawPath);
    }
    return result;
  }

  private ObjectNode analyze(Path file) {
    return analyze(file, null);
  }

  /**
   * Analyses {@code file}; {@code metadata}, when not null, is parsed instead of the file's own
   * text (a Civitai image page's API meta, anchor-recipes §2.9).
   */
  ObjectNode analyze(Path file, String metadata) {
    ImageTexts texts = reader.read(file);
    String text = metadata != null ? metadata : texts.primary();
    if (text == null) {
      ObjectNode none = parsers.parse(null);
      none.put("error", NO_METADATA);
      return none;
    }
    ObjectNode result = parsers.parse(text);
    if (result.has("error")) {
      return result;
    }
    String fingerprint = LoraFingerprint.of(result.path("loras"));
    result.put("fingerprint", fingerprint);
    ArrayNode matches = result.putArray("matching_recipes");
    if (!fingerprint.isEmpty()) {
      matching.withFingerprint(fingerprint).forEach(matches::add);
    }
    ImageFormat format = reader.formatOf(file);
    result.put("is_video", texts.video());
    result.put("extension", format == null ? "" : format.extension());
    return result;
  }

  long maxBytes() {
    return maxBytes;
  }

  private void requireWithinLimit(long size) {
    if (size > maxBytes) {
      throw LmException.tooLarge(
          "The image is "
              + size
              + " bytes; the limit is "
              + maxBytes
              + " bytes (lm.recipes.max-upload-bytes)");
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw LmException.notFound("Image not found: " + file);
    } catch (IOException e) {
      throw LmException.badInput("Image not readable: " + e.getMessage());
    }
  }

  /** The real file behind a request path, inside a model root after symlinks and {@code ..}. */
  private Path confined(String rawPath) {
    if (rawPath == null || rawPath.isBlank()) {
      throw LmException.badInput("path is required");
    }
    String cleaned = rawPath.trim();
    if (cleaned.length() >= 2
        && (cleaned.startsWith("\"") && cleaned.endsWith("\"")
            || cleaned.startsWith("'") && cleaned.endsWith("'"))) {
      cleaned = cleaned.substring(1, cleaned.length() - 1);
    }
    Path requested;
    try {
      requested = Path.of(cleaned);
    } catch (InvalidPathException e) {
      throw LmException.badInput("Invalid path: " + e.getReason());
    }
    if (!requested.isAbsolute()) {
      throw LmException.badInput("path must be absolute");
    }
    Path normalised = requested.normalize();
    if (!inside(normalised, false)) {
      throw outside(rawPath);
    }
    Path real;
    try {
      real = normalised.toRealPath();
    } catch (IOException e) {
      throw LmException.notFound("Image not found: " + rawPath);
    }
    if (!inside(real, true)) {
      throw outside(rawPath);
    }
    if (!Files.isRegularFile(real)) {
      throw LmException.notFound("Image not found: " + rawPath);
    }
    return real;
  }

  private boolean inside(Path path, boolean real) {
    for (ModelRoot root : roots.all()) {
      if (path.startsWith(root.realPath()) && !path.equals(root.realPath())
          || !real && path.startsWith(root.path()) && !path.equals(root.path())) {
        return true;
      }
    }
    return false;
  }

  private static LmException outside(String rawPath) {
    return LmException.badInput("Path '" + rawPath + "' is outside the configured model folders");
  }
}
