package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One source format of generation metadata (anchor-recipes §2.3). {@link RecipeParsers} offers the
 * text to each parser in the reference order and the first that accepts it parses it.
 */
public interface RecipeParser {

  /** Whether this parser recognises the text (cheap; no lookups). */
  boolean accepts(MetadataText input);

  /**
   * The parser payload: {@code base_model}, {@code loras}, {@code gen_params}, the checkpoint under
   * {@code checkpoint} and/or {@code model}, and this parser's {@code from_*} flag.
   */
  ObjectNode parse(MetadataText input, ParseContext context);
}
