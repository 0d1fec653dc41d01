package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LoRAs of an A1111 / Forge parameters text, in the reference's resolution order
 * (anchor-recipes §2.6): Civitai resources, {@code <lora:name:weight>} prompt tags, {@code Lora
 * hashes}, {@code Hashes}, then the local library and Civitai. Also the two conventions of that
 * text the parser shares: AIR URNs on resources and the keys of the hash lists.
 */
final class A1111Loras {

  private static final Pattern TAG = Pattern.compile("<(lora|hypernet):([^:<>]+):(-?[0-9.]+)>");
  private static final Pattern AIR = Pattern.compile("urn:air:[^:]+:([^:]+):civitai:(\\d+)@(\\d+)");
  private static final Set<String> RESOURCE_LORA_TYPES = Set.of("lora", "lycoris", "hypernet");

  /** One extra-network tag of the prompt. */
  private record Tag(String type, String name, String base, double weight) {}

  /** One {@code Hashes}/{@code Lora hashes} entry. */
  private record HashEntry(String type, String base, String hash) {}

  private A1111Loras() {}

  static List<ObjectNode> resolve(
      String prompt,
      ArrayNode resources,
      Map<String, String> hashes,
      ObjectNode checkpoint,
      ParseContext context) {
    LocalModels local = context.local();
    // R: LoRAs from Civitai resources, in resource order.
    List<ObjectNode> fromResources = new ArrayList<>();
    for (JsonNode resource : resources) {
      ObjectNode r = air(resource);
      String type = r.path("type").asText("").toLowerCase(Locale.ROOT);
      if (!RESOURCE_LORA_TYPES.contains(type) || !r.hasNonNull("modelVersionId")) {
        continue;
      }
      double weight = ParserEntries.round2(r.path("weight").asDouble(1.0));
      ObjectNode entry = ParserEntries.lora(r.path("modelName").asText(""), type, weight, "");
      entry.remove("file_name");
      entry.set("id", r.get("modelVersionId"));
      if (r.has("modelId")) {
        entry.set("modelId", r.get("modelId"));
      }
      entry.put("version", r.path("modelVersionName").asText(r.path("versionName").asText("")));
      ObjectNode populated =
          ParserEntries.fromCivitaiLora(
              entry, context.version(r.get("modelVersionId").asText()), local, null);
      if (populated != null) {
        fromResources.add(populated);
      }
    }

    // P: prompt tags, deduplicated by (type, case-folded name).
    List<Tag> tags = new ArrayList<>();
    Set<String> seenTags = new HashSet<>();
    Matcher m = TAG.matcher(prompt);
    while (m.find()) {
      double weight;
      try {
        weight = ParserEntries.round2(Double.parseDouble(m.group(3)));
      } catch (NumberFormatException e) {
        continue;
      }
      String name = m.group(2).trim();
      String base = LibraryLocalModels.stem(name);
      if (seenTags.add(
          m.group(1) + ":" + name.toLowerCase(Locale.ROOT).replace(".safetensors", ""))) {
        tags.add(new Tag(m.group(1), name, base, weight));
      }
    }
    Map<String, Integer> tagCounts = new HashMap<>();
    tags.forEach(t -> tagCounts.merge(t.base(), 1, Integer::sum));

    // H: hash entries of LoRAs and hypernetworks.
    List<HashEntry> hashEntries = new ArrayList<>();
    Set<String> hashBasenames = new HashSet<>();
    hashes.forEach(
        (key, hash) -> {
          int colon = key.indexOf(':');
          String type = key.substring(0, colon);
          if (type.equals("lora") || type.equals("hypernet")) {
            String base = LibraryLocalModels.stem(key.substring(colon + 1));
            hashEntries.add(new HashEntry(type, base, hash == null ? "" : hash.trim()));
            if (hash != null && !hash.isBlank()) {
              hashBasenames.add(type + ":" + base);
            }
          }
        });

    String recipeBase = recipeBase(checkpoint, fromResources);
    Set<String> resolved = new HashSet<>();
    Set<String> nameQueried = new HashSet<>();
    List<ObjectNode> fromPrompt = new ArrayList<>();
    List<ObjectNode> fromHashes = new ArrayList<>();

    // Step 1: prompt tags.
    for (Tag tag : tags) {
      String key = tag.type() + ":" + tag.base();
      ObjectNode resource =
          tagCounts.get(tag.base()) == 1 ? singleResource(fromResources, tag) : null;
      if (resource != null) {
        resource.put("weight", tag.weight());
        if (!hashBasenames.contains(key)) {
          resolved.add(key);
        }
        continue;
      }
      if (hashBasenames.contains(key) || !tag.type().equals("lora")) {
        continue;
      }
      nameQueried.add(key);
      ModelEntry model = local.loraByName(tag.base(), recipeBase).orElse(null);
      if (model != null) {
        ObjectNode entry =
            ParserEntries.fromLocal(
                ParserEntries.lora(tag.base(), "lora", tag.weight(), ""), model);
        mergeOrAppend(entry, fromPrompt, List.of(fromResources, fromPrompt), true);
        resolved.add(key);
      }
    }

    // Step 2: hash entries.
    for (HashEntry h : hashEntries) {
      String key = h.type() + ":" + h.base();
      if (resolved.contains(key)) {
        continue;
      }
      Integer count = tagCounts.get(h.base());
      boolean inPrompt = count != null && count == 1;
      double weight = inPrompt ? weightOf(tags, h.base()) : 1.0;
      ObjectNode entry = ParserEntries.lora(h.base(), h.type(), weight, h.hash());
      boolean isLora = h.type().equals("lora");
      if (!h.hash().isEmpty()) {
        ModelEntry model = isLora ? local.loraByHash(h.hash()).orElse(null) : null;
        if (model != null) {
          mergeOrAppend(
              ParserEntries.fromLocal(entry, model),
              fromHashes,
              List.of(fromResources, fromPrompt, fromHashes),
              inPrompt);
          resolved.add(key);
          continue;
        }
        ParseContext.Lookup lookup = context.hash(h.hash());
        if (lookup.asked()) {
          ObjectNode populated = ParserEntries.fromCivitaiLora(entry, lookup, local, h.hash());
          if (populated == null) {
            continue;
          }
          if (!populated.path("isDeleted").asBoolean(false)) {
            ObjectNode replaced = replaceResource(fromResources, populated, inPrompt);
            if (replaced == null) {
              fromHashes.add(populated);
            }
            resolved.add(key);
            continue;
          }
        }
      }
      if (isLora && !nameQueried.contains(key)) {
        nameQueried.add(key);
        ModelEntry model = local.loraByName(h.base(), recipeBase).orElse(null);
        if (model != null) {
          ObjectNode named =
              ParserEntries.fromLocal(ParserEntries.lora(h.base(), "lora", weight, ""), model);
          mergeOrAppend(
              named, fromHashes, List.of(fromResources, fromPrompt, fromHashes), inPrompt);
          resolved.add(key);
          continue;
        }
      }
      if (!h.hash().isEmpty() && fromResources.isEmpty()) {
        fromHashes.add(entry);
      }
    }

    List<ObjectNode> all = new ArrayList<>(fromResources);
    all.addAll(fromPrompt);
    all.addAll(fromHashes);
    return all;
  }

  /** The one resource entry whose file name matches the tag (type-compatible), or null. */
  private static ObjectNode singleResource(List<ObjectNode> resources, Tag tag) {
    ObjectNode found = null;
    for (ObjectNode entry : resources) {
      String fileName = entry.path("file_name").asText("");
      if (fileName.isEmpty() || !LibraryLocalModels.stem(fileName).equals(tag.base())) {
        continue;
      }
      String type = entry.path("type").asText("");
      boolean hyper = type.equals("hypernet") || type.equals("hypernetwork");
      if (hyper != tag.type().equals("hypernet")) {
        continue;
      }
      if (found != null) {
        return null;
      }
      found = entry;
    }
    return found;
  }

  /** Replaces the resource entry with the same version id or hash; null when there is none. */
  private static ObjectNode replaceResource(
      List<ObjectNode> resources, ObjectNode entry, boolean inPrompt) {
    for (int i = 0; i < resources.size(); i++) {
      ObjectNode existing = resources.get(i);
      if (sameModel(existing, entry)) {
        if (!inPrompt) {
          entry.set("weight", existing.get("weight"));
        }
        resources.set(i, entry);
        return entry;
      }
    }
    return null;
  }

  /**
   * Merges into an entry with the same version id or hash in any list, else appends. The merged
   * entry takes the new weight when it came from the prompt, else keeps its own.
   */
  private static void mergeOrAppend(
      ObjectNode entry, List<ObjectNode> target, List<List<ObjectNode>> lists, boolean inPrompt) {
    for (List<ObjectNode> list : lists) {
      for (ObjectNode existing : list) {
        if (existing != entry && sameModel(existing, entry)) {
          JsonNode weight = existing.get("weight");
          existing.setAll(entry);
          if (weight != null && !inPrompt) {
            existing.set("weight", weight);
          }
          return;
        }
      }
    }
    target.add(entry);
  }

  private static boolean sameModel(JsonNode a, JsonNode b) {
    String idA = ParserEntries.versionId(a);
    String idB = ParserEntries.versionId(b);
    if (!idA.isEmpty() && idA.equals(idB)) {
      return true;
    }
    String hashA = a.path("hash").asText("");
    return !hashA.isEmpty() && hashA.equalsIgnoreCase(b.path("hash").asText(""));
  }

  private static double weightOf(List<Tag> tags, String base) {
    for (Tag tag : tags) {
      if (tag.base().equals(base)) {
        return tag.weight();
      }
    }
    return 1.0;
  }

  private static String recipeBase(ObjectNode checkpoint, List<ObjectNode> resources) {
    if (checkpoint != null && !checkpoint.path("baseModel").asText("").isEmpty()) {
      return checkpoint.path("baseModel").asText();
    }
    Set<String> bases = new LinkedHashSet<>();
    resources.forEach(
        r -> {
          String b = r.path("baseModel").asText("");
          if (!b.isEmpty()) {
            bases.add(b);
          }
        });
    return bases.size() == 1 ? bases.iterator().next() : "";
  }

  /** A resource with its AIR URN, when it has one, overriding type and ids. */
  static ObjectNode air(JsonNode resource) {
    ObjectNode copy =
        resource.isObject()
            ? ((ObjectNode) resource).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    Matcher m = AIR.matcher(copy.path("air").asText(""));
    if (m.matches()) {
      copy.put("type", m.group(1));
      copy.put("modelId", Long.parseLong(m.group(2)));
      copy.put("modelVersionId", Long.parseLong(m.group(3)));
    }
    return copy;
  }

  /** {@code LORA:styles/x.safetensors} → {@code lora:x}; {@code model} stays {@code model}. */
  static String hashKey(String key) {
    int colon = key.indexOf(':');
    if (colon < 0) {
      return key.trim().toLowerCase(Locale.ROOT);
    }
    String prefix = key.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String name = key.substring(colon + 1).trim().replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    if (name.toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
      name = name.substring(0, name.length() - ".safetensors".length());
    }
    return prefix + ":" + name;
  }
}
