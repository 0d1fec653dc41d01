package io.loramanager.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.image.RecipeImageWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Embeds a saved recipe into its image as the reference does ({@code Recipe metadata: <json>}
 * appended to the PNG {@code parameters} text, or to the EXIF UserComment of a JPEG or WebP), so
 * the image re-imports elsewhere. The image is not re-encoded (docs/recipes.md).
 */
@ApplicationScoped
public class ImageRecipeEmbedding implements RecipeImageEmbedder {

  private final RecipeImageWriter writer;

  @Inject
  public ImageRecipeEmbedding(RecipeImageWriter writer) {
    this.writer = writer;
  }

  @Override
  public void embed(Path image, ObjectNode recipe) throws IOException {
    writer.appendRecipeMetadata(image, RecipeMetadataPayload.of(recipe).toString());
  }
}
