package io.loramanager.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The seam where a saved or edited recipe is embedded into its image ("Recipe metadata" in the EXIF
 * UserComment, anchor-recipes §2.2), so an exported image re-imports elsewhere: {@link
 * ImageRecipeEmbedding}. Never called for videos.
 */
public interface RecipeImageEmbedder {

  /**
   * Embeds {@code recipe} into the image at {@code image}, atomically; a failure leaves the image
   * as it was.
   */
  void embed(Path image, ObjectNode recipe) throws IOException;
}
