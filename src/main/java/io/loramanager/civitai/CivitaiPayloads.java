package io.loramanager.civitai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Reads Civitai answers and checks the fields we rely on, so that a malformed answer is rejected
 * with the name of the field at fault before anything is written. Also the two payload clean-ups of
 * the reference: {@code images[].meta.comfy} removed, model data (description, tags, licence with
 * defaults, creator) copied onto a version.
 */
final class CivitaiPayloads {

  /** Licence fields and the defaults the reference applies when Civitai omits them. */
  static final List<String> LICENSE_KEYS =
      List.of("allowNoCredit", "allowCommercialUse", "allowDerivatives", "allowDifferentLicense");

  private CivitaiPayloads() {}

  static JsonNode parse(ObjectMapper mapper, String body, String what) {
    try {
      JsonNode node = mapper.readTree(body == null ? "" : body);
      if (node == null || node.isMissingNode()) {
        throw malformed(what, "the answer is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      String field =
          e instanceof StreamReadException read && read.getProcessor() != null
              ? read.getProcessor().getParsingContext().pathAsPointer().toString()
              : "";
      String where =
          field.isEmpty() ? "" : " in field '" + field.substring(1).replace('/', '.') + "'";
      throw malformed(what, "invalid JSON" + where + ": " + e.getOriginalMessage());
    }
  }

  /** A model version: an object with an integer {@code id} and well-typed known fields. */
  static ObjectNode version(JsonNode node, String what) {
    ObjectNode version = object(node, what);
    requireIntegral(version, "id", what, true);
    requireIntegral(version, "modelId", what, false);
    requireType(version, "files", what, JsonNode::isArray, "an array");
    requireType(version, "images", what, JsonNode::isArray, "an array");
    requireType(version, "trainedWords", what, JsonNode::isArray, "an array");
    requireType(version, "model", what, JsonNode::isObject, "an object");
    requireType(version, "baseModel", what, n -> n.isTextual() || n.isNull(), "a string");
    JsonNode files = version.path("files");
    for (int i = 0; i < files.size(); i++) {
      requireType(
          files.get(i), "hashes", what + " files[" + i + "]", JsonNode::isObject, "an object");
    }
    stripComfy(version);
    return version;
  }

  /** A model: an object with an integer {@code id}; {@code modelVersions} an array of versions. */
  static ObjectNode model(JsonNode node, String what) {
    ObjectNode model = object(node, what);
    requireIntegral(model, "id", what, true);
    requireType(model, "modelVersions", what, JsonNode::isArray, "an array");
    requireType(model, "type", what, JsonNode::isTextual, "a string");
    JsonNode versions = model.path("modelVersions");
    for (int i = 0; i < versions.size(); i++) {
      requireIntegral(
          object(versions.get(i), what + " modelVersions[" + i + "]"), "id", what, true);
    }
    return model;
  }

  /** Copies the model's description, tags, licence (with defaults) and creator onto a version. */
  static void enrich(ObjectNode version, ObjectNode model) {
    ObjectNode target =
        version.path("model").isObject()
            ? (ObjectNode) version.get("model")
            : version.putObject("model");
    copyIfPresent(model, target, "name");
    copyIfPresent(model, target, "type");
    copyIfPresent(model, target, "nsfw");
    copyIfPresent(model, target, "description");
    copyIfPresent(model, target, "tags");
    for (String key : LICENSE_KEYS) {
      if (model.has(key) && !model.get(key).isNull()) {
        target.set(key, model.get(key).deepCopy());
      }
    }
    applyLicenseDefaults(target);
    if (!version.path("creator").isObject() && model.path("creator").isObject()) {
      version.set("creator", model.get("creator").deepCopy());
    }
  }

  /** Fills missing licence fields with the reference defaults; a lone string becomes a list. */
  static void applyLicenseDefaults(ObjectNode model) {
    if (!model.path("allowNoCredit").isBoolean()) {
      model.put("allowNoCredit", true);
    }
    JsonNode commercial = model.get("allowCommercialUse");
    if (commercial == null || commercial.isNull()) {
      model.putArray("allowCommercialUse").add("Sell");
    } else if (commercial.isTextual()) {
      ArrayNode list = model.putArray("allowCommercialUse");
      if (!commercial.asText().isEmpty() && !commercial.asText().equals("None")) {
        list.add(commercial.asText());
      }
    }
    if (!model.path("allowDerivatives").isBoolean()) {
      model.put("allowDerivatives", true);
    }
    if (!model.path("allowDifferentLicense").isBoolean()) {
      model.put("allowDifferentLicense", true);
    }
  }

  private static void stripComfy(ObjectNode version) {
    for (JsonNode image : version.path("images")) {
      if (image.path("meta").isObject()) {
        ((ObjectNode) image.get("meta")).remove("comfy");
      }
    }
  }

  private static void copyIfPresent(ObjectNode from, ObjectNode to, String key) {
    if (from.has(key) && !from.get(key).isNull()) {
      to.set(key, from.get(key).deepCopy());
    }
  }

  private static ObjectNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw malformed(what, "expected a JSON object");
    }
    return (ObjectNode) node;
  }

  private static void requireIntegral(
      ObjectNode node, String field, String what, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw malformed(what, "field '" + field + "' is missing");
      }
      return;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
      throw malformed(what, "field '" + field + "' should be an integer, got " + abbreviate(value));
    }
  }

  private static void requireType(
      JsonNode node,
      String field,
      String what,
      java.util.function.Predicate<JsonNode> ok,
      String expected) {
    JsonNode value = node.get(field);
    if (value != null && !value.isNull() && !ok.test(value)) {
      throw malformed(
          what, "field '" + field + "' should be " + expected + ", got " + abbreviate(value));
    }
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  static CivitaiFailure malformed(String what, String detail) {
    return new CivitaiFailure(
        CivitaiFailure.Reason.MALFORMED,
        "Civitai returned malformed data for " + what + ": " + detail);
  }
}
