package io.loramanager.recipe.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses and prints recipe trees with decimals kept exactly as written ({@code 4.0} stays {@code
 * 4.0}, as Python wrote it), for the files and for their SQLite copy.
 */
@ApplicationScoped
public class RecipeJson {

  private final ObjectMapper mapper;

  @Inject
  public RecipeJson(JsonFiles files) {
    this.mapper =
        files.mapper().copy().configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Parses a file that must hold a JSON object. */
  public ObjectNode read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  public ObjectNode parse(byte[] bytes) throws IOException {
    JsonNode node = mapper.readTree(bytes);
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Compact text for the SQLite copy. */
  public String text(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode a recipe", e);
    }
  }

  /** Parses an object; IOException when the text is not one (a corrupt row). */
  public ObjectNode parse(String text) throws IOException {
    JsonNode node = mapper.readTree(text);
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON object");
    }
    return (ObjectNode) node;
  }
}
