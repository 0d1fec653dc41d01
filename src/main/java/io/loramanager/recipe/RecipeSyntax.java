package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelEntry;
import io.loramanager.recipe.store.Recipe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <lora:folder/name:strength>} tokens of a recipe (anchor-recipes §4.9). Names and folders
 * come from the library when the LoRA is there (by hash, else version id). Unlike the reference,
 * excluded LoRAs are left out, as they are of the fingerprint.
 */
@ApplicationScoped
public class RecipeSyntax {

  private final RecipeLookup lookup;
  private final LibraryLinks links;

  @Inject
  public RecipeSyntax(RecipeLookup lookup, LibraryLinks links) {
    this.lookup = lookup;
    this.links = links;
  }

  public String of(String recipeId) {
    Recipe recipe = lookup.byId(recipeId);
    List<String> tokens = new ArrayList<>();
    for (JsonNode lora : recipe.loras()) {
      if (lora.path("exclude").asBoolean(false)) {
        continue;
      }
      String name;
      String folder;
      ModelEntry entry = links.loraOf(lora);
      if (entry != null) {
        name = entry.fileName();
        folder = entry.folder();
      } else if (lora.path("isDeleted").asBoolean(false)) {
        continue;
      } else {
        name = lora.path("file_name").asText("");
        name = name.isEmpty() ? "unknown-lora" : name;
        folder = lora.path("folder").asText("");
      }
      String prefix = folder.isEmpty() ? "" : folder.replace('\\', '/') + "/";
      tokens.add("<lora:" + prefix + name + ":" + strength(lora) + ">");
    }
    if (tokens.isEmpty()) {
      throw LmException.badInput("No LoRAs found in this recipe");
    }
    return String.join(" ", tokens);
  }

  /** The strength as Python prints a float ({@code 0.8}, {@code 1.0}); 1.0 when missing. */
  private static String strength(JsonNode lora) {
    JsonNode value = lora.has("strength") ? lora.get("strength") : lora.get("weight");
    double strength = value != null && value.isNumber() ? value.asDouble() : 1.0;
    if (value != null && value.isTextual()) {
      try {
        strength = Double.parseDouble(value.asText().trim());
      } catch (NumberFormatException e) {
        strength = 1.0;
      }
    }
    return Double.toString(strength);
  }
}
