package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Runs the parser chain over a fake library and fake Civitai. */
final class ParserTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();

  private ParserTestSupport() {}

  static ObjectNode parse(String text, LocalModels local, CivitaiModels civitai) {
    return new RecipeParsers(JSON, new ParseContext(local, civitai)).parse(text);
  }

  static ObjectNode parse(String text) {
    return parse(text, new FakeLocalModels(), null);
  }
}
