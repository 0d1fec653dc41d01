package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Civitai answers for parser tests, written as the API's JSON; records every call. */
final class FakeCivitai implements CivitaiModels {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, JsonNode> versions = new HashMap<>();
  private final Map<String, JsonNode> hashes = new HashMap<>();
  final List<String> calls = new ArrayList<>();

  FakeCivitai version(String id, String json) {
    versions.put(id, read(json));
    return this;
  }

  FakeCivitai hash(String hash, String json) {
    hashes.put(hash, read(json));
    return this;
  }

  @Override
  public Optional<JsonNode> versionById(String versionId) {
    calls.add("version:" + versionId);
    return Optional.ofNullable(versions.get(versionId));
  }

  @Override
  public Optional<JsonNode> versionByHash(String hash) {
    calls.add("hash:" + hash);
    return Optional.ofNullable(hashes.get(hash));
  }

  /** A version object: {@code model} name/type, one primary weights file, one image. */
  static String version(
      long id,
      long modelId,
      String modelName,
      String type,
      String versionName,
      String base,
      String file,
      String sha) {
    return "{\"id\":"
        + id
        + ",\"modelId\":"
        + modelId
        + ",\"name\":\""
        + versionName
        + "\",\"baseModel\":\""
        + base
        + "\",\"downloadUrl\":\"https://civitai.com/api/download/models/"
        + id
        + "\",\"model\":{\"name\":\""
        + modelName
        + "\",\"type\":\""
        + type
        + "\"},\"files\":[{\"primary\":true,\"type\":\"Model\",\"name\":\""
        + file
        + "\",\"sizeKB\":2,\"hashes\":{\"SHA256\":\""
        + sha
        + "\"}}],\"images\":[{\"url\":\"https://image.civitai.com/abc/original=true/"
        + id
        + ".jpeg\",\"type\":\"image\"}]}";
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
