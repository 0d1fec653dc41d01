package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.store.GenParamAliases;
import io.loramanager.recipe.store.Recipe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A recipe as the API shows it: the stored JSON plus the read-time fields (formatted dates, gen
 * param aliases, library status of each LoRA and the checkpoint). The stored recipe is never
 * changed.
 */
@ApplicationScoped
public class RecipeViews {

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final LibraryLinks links;

  @Inject
  public RecipeViews(LibraryLinks links) {
    this.links = links;
  }

  public ObjectNode of(Recipe recipe) {
    ObjectNode view = recipe.copyJson();
    view.put("folder", recipe.folder());
    JsonNode params = view.get("gen_params");
    if (params instanceof ObjectNode object) {
      GenParamAliases.normalise(object);
    } else {
      view.putObject("gen_params");
    }
    JsonNode loras = view.get("loras");
    if (loras instanceof ArrayNode array) {
      for (JsonNode lora : array) {
        if (lora instanceof ObjectNode object) {
          links.enrichLora(object);
        }
      }
    } else {
      view.putArray("loras");
    }
    JsonNode checkpoint = recipe.checkpoint();
    if (checkpoint != null) {
      ObjectNode copy = checkpoint.deepCopy();
      links.enrichCheckpoint(copy);
      view.set("checkpoint", copy);
    } else {
      view.remove("checkpoint");
    }
    view.put("created_date_formatted", formatted(recipe.createdDate()));
    view.put("modified_formatted", formatted(recipe.modified()));
    return view;
  }

  private static String formatted(double epochSeconds) {
    if (epochSeconds <= 0) {
      return null;
    }
    Instant instant = Instant.ofEpochMilli((long) (epochSeconds * 1000));
    return LOCAL_TIME.format(instant.atZone(ZoneId.systemDefault()));
  }
}
