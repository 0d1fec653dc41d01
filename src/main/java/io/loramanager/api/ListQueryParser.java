package io.loramanager.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import io.loramanager.library.query.ModelQuery;
import io.loramanager.library.query.SortSpec;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the list parameters of anchor-api §3.1 into a {@link ModelQuery}. */
final class ListQueryParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ListQueryParser() {}

  static ModelQuery parse(ModelType type, MultivaluedMap<String, String> raw) {
    QueryParams p = new QueryParams(raw);
    int page = p.atLeast("page", 1, 1);
    int pageSize = Math.min(p.atLeast("page_size", 20, 1), ModelQuery.MAX_PAGE_SIZE);
    List<String> tagInclude = new ArrayList<>(p.all("tag"));
    tagInclude.addAll(p.csv("tags"));
    tagInclude.addAll(p.all("tag_include"));
    List<String> modelTypes = new ArrayList<>(p.all("model_type"));
    modelTypes.addAll(p.all("civitai_model_type"));
    boolean lora = type == ModelType.LORA;
    return new ModelQuery(
        page,
        pageSize,
        SortSpec.parse(p.string("sort_by")),
        p.string("folder"),
        p.bool("recursive", true),
        p.all("folder_include"),
        p.all("folder_exclude"),
        p.string("search"),
        p.bool("fuzzy_search", false) || (lora && p.bool("fuzzy", false)),
        new ModelQuery.SearchFields(
            p.bool("search_filename", true),
            p.bool("search_modelname", true),
            p.bool("search_tags", false),
            p.bool("search_creator", false)),
        p.all("base_model"),
        modelTypes,
        tagInclude,
        p.all("tag_exclude"),
        tagLogicAll(p.string("tag_logic")),
        p.all("auto_tag_include"),
        p.all("auto_tag_exclude"),
        p.bool("favorites_only", false),
        hashes(type, p),
        p.triState("credit_required"),
        p.triState("allow_selling_generated_content"),
        lora
            ? new ModelQuery.NamePatterns(
                p.all("name_pattern_include"),
                p.all("name_pattern_exclude"),
                p.bool("name_pattern_use_regex", false))
            : ModelQuery.NamePatterns.NONE,
        lora ? p.string("first_letter") : null,
        p.bool("group_by_model", false),
        blankToNull(p.string("civitai_model_id")),
        p.bool("update_available_only", false));
  }

  private static boolean tagLogicAll(String raw) {
    if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("any")) {
      return false;
    }
    if (raw.equalsIgnoreCase("all")) {
      return true;
    }
    throw LmException.badInput("Invalid tag_logic '" + raw + "': use any or all");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** {@code hash}, {@code hashes} (JSON array), and the type's own CSV forms. */
  private static List<String> hashes(ModelType type, QueryParams p) {
    List<String> hashes = new ArrayList<>(p.all("hash"));
    String json = p.string("hashes");
    if (json != null && !json.isBlank()) {
      hashes.addAll(jsonArray(json));
    }
    String prefix =
        type == ModelType.LORA ? "lora" : type == ModelType.CHECKPOINT ? "checkpoint" : null;
    if (prefix != null) {
      hashes.addAll(p.all(prefix + "_hash"));
      hashes.addAll(p.csv(prefix + "_hashes"));
    }
    return hashes.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  private static List<String> jsonArray(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node != null && node.isArray()) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
          if (!item.isTextual()) {
            throw LmException.badInput("Invalid hashes: every item must be a string");
          }
          values.add(item.asText());
        }
        return values;
      }
    } catch (JsonProcessingException e) {
      // Fall through to the error below.
    }
    throw LmException.badInput("Invalid hashes: expected a JSON array of strings");
  }
}
