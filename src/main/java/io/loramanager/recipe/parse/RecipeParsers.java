package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Picks the parser for a metadata text in the reference order (anchor-recipes §2.3) and runs it:
 * ComfyUI prompt JSON, SwarmUI JSON, Civitai image meta JSON, the recipe marker, A1111 text. The
 * Civitai meta parser sees only JSON objects that neither ComfyUI nor SwarmUI claimed (the
 * reference offers it only dicts from its API); the MetaFormat parser is not ported (the reference
 * cannot reach it, §2.3). A parser failure is an answer with {@code error}, never an exception.
 */
@ApplicationScoped
public class RecipeParsers {

  static final String NO_PARSER = "No parser found for this image";
  private static final Logger LOG = Logger.getLogger(RecipeParsers.class);

  private final ObjectMapper mapper;
  private final List<RecipeParser> parsers;
  private final ParseContext context;

  @Inject
  public RecipeParsers(ObjectMapper mapper, LocalModels local, Instance<CivitaiModels> civitai) {
    this(mapper, new ParseContext(local, civitai.isResolvable() ? civitai.get() : null));
  }

  /** For tests and tools: the parsers over the given library view and Civitai (may be null). */
  public RecipeParsers(ObjectMapper mapper, ParseContext context) {
    this.mapper = mapper;
    this.context = context;
    this.parsers =
        List.of(
            new ComfyParser(mapper),
            new SwarmParser(),
            new CivitaiMetaParser(),
            new RecipeFormatParser(mapper),
            new A1111Parser(mapper));
  }

  /** The parser payload for {@code text}, or {@code {error, loras: []}} when nothing fits. */
  public ObjectNode parse(String text) {
    if (text == null || text.isBlank()) {
      return error(
          "This image does not contain any generation metadata (prompt, models, or parameters)");
    }
    MetadataText input = MetadataText.of(text, mapper);
    for (RecipeParser parser : parsers) {
      if (parser.accepts(input)) {
        try {
          return parser.parse(input, context);
        } catch (RuntimeException e) {
          LOG.warnf("%s failed: %s", parser.getClass().getSimpleName(), e.toString());
          return error("Error parsing metadata: " + e.getMessage());
        }
      }
    }
    return error(NO_PARSER);
  }

  static ObjectNode error(String message) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("error", message);
    node.putArray("loras");
    return node;
  }
}
