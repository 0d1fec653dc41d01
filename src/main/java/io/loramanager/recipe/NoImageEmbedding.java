package io.loramanager.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** Keeps recipe images as uploaded, until an image-metadata writer provides an embedder. */
@DefaultBean
@ApplicationScoped
public class NoImageEmbedding implements RecipeImageEmbedder {

  @Override
  public void embed(Path image, ObjectNode recipe) {
    // Nothing to write: the recipe JSON beside the image is the record.
  }
}
