package io.loramanager.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.image.RecipeImageWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Embeds a saved recipe into its image as the reference does ({@code Recipe metadata: <json>}
 * appended to the PNG {@code parameters} text), so the image re-imports elsewhere. JPEG and WebP
 * are left as uploaded: the reference re-encodes them, which needs an image encoder we do not ship
 * (docs/recipes.md).
 */
@ApplicationScoped
public class PngRecipeEmbedding implements RecipeImageEmbedder {

  private final RecipeImageWriter writer;

  @Inject
  public PngRecipeEmbedding(RecipeImageWriter writer) {
    this.writer = writer;
  }

  @Override
  public void embed(Path image, ObjectNode recipe) throws IOException {
    writer.appendRecipeMetadata(image, RecipeMetadataPayload.of(recipe).toString());
  }
}
