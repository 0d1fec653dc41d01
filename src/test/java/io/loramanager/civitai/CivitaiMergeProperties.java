package io.loramanager.civitai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The merge never drops a key it does not manage, and merging twice changes nothing more. */
class CivitaiMergeProperties {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> MANAGED =
      List.of(
          "civitai",
          "model_name",
          "modelDescription",
          "tags",
          "base_model",
          "autov3",
          "from_civitai",
          "civitai_deleted",
          "metadata_source",
          "last_checked_at");

  @Property
  void unknownKeysSurvive(
      @ForAll("sidecars") ObjectNode sidecar, @ForAll("payloads") ObjectNode payload) {
    ObjectNode merged = sidecar.deepCopy();
    CivitaiMerge.found(merged, payload, 1_700_000_000.5);

    sidecar
        .fields()
        .forEachRemaining(
            e -> {
              assertThat(merged.has(e.getKey())).as(e.getKey()).isTrue();
              if (!MANAGED.contains(e.getKey())) {
                assertThat(merged.get(e.getKey())).isEqualTo(e.getValue());
              }
            });
    JsonNode oldCivitai = sidecar.path("civitai");
    if (oldCivitai.isObject()) {
      oldCivitai
          .fieldNames()
          .forEachRemaining(key -> assertThat(merged.get("civitai").has(key)).as(key).isTrue());
    }
  }

  @Property
  void mergingTwiceIsMergingOnce(
      @ForAll("sidecars") ObjectNode sidecar, @ForAll("payloads") ObjectNode payload) {
    ObjectNode once = sidecar.deepCopy();
    CivitaiMerge.found(once, payload, 1_700_000_000.5);
    ObjectNode twice = once.deepCopy();
    CivitaiMerge.found(twice, payload, 1_700_000_000.5);

    assertThat(twice).isEqualTo(once);
  }

  @Property
  void notFoundKeepsEverythingElse(@ForAll("sidecars") ObjectNode sidecar) {
    ObjectNode marked = sidecar.deepCopy();
    CivitaiMerge.notFound(marked, 1_700_000_000.5);
    CivitaiMerge.notFound(marked, 1_700_000_000.5);
    ObjectNode expected = sidecar.deepCopy();
    expected.put("from_civitai", false).put("civitai_deleted", true);
    expected.put("last_checked_at", new java.math.BigDecimal("1700000000.5"));
    assertThat(marked).isEqualTo(expected);
  }

  private static Arbitrary<JsonNode> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .ofMaxLength(8)
            .map(s -> (JsonNode) MAPPER.getNodeFactory().textNode(s)),
        Arbitraries.integers().map(i -> (JsonNode) MAPPER.getNodeFactory().numberNode(i)),
        Arbitraries.of(true, false).map(b -> (JsonNode) MAPPER.getNodeFactory().booleanNode(b)),
        words().map(w -> (JsonNode) w));
  }

  private static Arbitrary<com.fasterxml.jackson.databind.node.ArrayNode> words() {
    return Arbitraries.of("ink", "style", "mono", "heron", "brush")
        .list()
        .ofMaxSize(4)
        .map(
            list -> {
              var array = MAPPER.createArrayNode();
              list.forEach(array::add);
              return array;
            });
  }

  private static Arbitrary<Map<String, JsonNode>> objects(List<String> keys) {
    return Arbitraries.maps(Arbitraries.of(keys), values()).ofMaxSize(keys.size());
  }

  @Provide
  Arbitrary<ObjectNode> sidecars() {
    Arbitrary<Map<String, JsonNode>> unknown =
        objects(List.of("my_key", "notes", "favorite", "extra", "_private", "usage_tips"));
    Arbitrary<Map<String, JsonNode>> civitai =
        objects(List.of("id", "trainedWords", "images", "files", "source", "custom"));
    Arbitrary<Boolean> hasCivitai = Arbitraries.of(true, false);
    return Combinators.combine(
            unknown, civitai, hasCivitai, words(), Arbitraries.strings().ofMaxLength(6))
        .as(
            (keys, civitaiKeys, withCivitai, tags, description) -> {
              ObjectNode node = MAPPER.createObjectNode();
              node.put("model_name", "local");
              node.put("sha256", "ab".repeat(32));
              node.set("tags", tags);
              node.put("modelDescription", description);
              keys.forEach(node::set);
              if (withCivitai) {
                ObjectNode c = node.putObject("civitai");
                civitaiKeys.forEach(c::set);
              }
              return node;
            });
  }

  @Provide
  Arbitrary<ObjectNode> payloads() {
    Arbitrary<Map<String, JsonNode>> extra =
        objects(List.of("name", "trainedWords", "images", "files", "stats", "source"));
    Arbitrary<String> baseModel = Arbitraries.of("SDXL 1.0", "Pony", "IL", "Kolors", "");
    Arbitrary<Boolean> withModel = Arbitraries.of(true, false);
    return Combinators.combine(extra, baseModel, withModel, words())
        .as(
            (keys, base, model, tags) -> {
              ObjectNode node = MAPPER.createObjectNode();
              node.put("id", 130072).put("modelId", 110012).put("baseModel", base);
              keys.forEach(node::set);
              if (model) {
                ObjectNode m = node.putObject("model");
                m.put("name", "Ink Drawing").put("description", "<p>ink</p>");
                m.set("tags", tags);
                m.put("allowCommercialUse", "Image");
                m.putObject("creator").put("username", "inkmaster");
              }
              return node;
            });
  }
}
