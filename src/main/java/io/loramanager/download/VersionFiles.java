package io.loramanager.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which file of a Civitai version to download, and from which URLs (anchor-downloads §3.4). */
final class VersionFiles {

  private static final Set<String> WEIGHTS =
      Set.of("Model", "Pruned Model", "Negative", "UNet", "Diffusion Model", "Enhancement LoRA");
  private static final Set<String> NOT_MODELS =
      Set.of("Config", "Archive", "Workflow", "Training Data");

  private VersionFiles() {}

  /** The file {@code fileParams} names; empty when they name none (the caller falls back). */
  static Optional<JsonNode> explicit(JsonNode version, ObjectNode fileParams) {
    if (fileParams == null) {
      return Optional.empty();
    }
    for (JsonNode file : version.path("files")) {
      if (fileParams.hasNonNull("id")) {
        if (file.path("id").asText().equals(fileParams.get("id").asText())) {
          return Optional.of(file);
        }
      } else if (fileParams.path("isPrimary").asBoolean(false)) {
        if (file.path("primary").asBoolean(false) && WEIGHTS.contains(type(file))) {
          return Optional.of(file);
        }
      } else if (leniently(file, fileParams)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** The primary weights file, else any weights file, else a primary file that is a model. */
  static Optional<JsonNode> primary(JsonNode version) {
    List<JsonNode> files = new ArrayList<>();
    version.path("files").forEach(files::add);
    return files.stream()
        .filter(f -> f.path("primary").asBoolean(false) && WEIGHTS.contains(type(f)))
        .findFirst()
        .or(() -> files.stream().filter(f -> WEIGHTS.contains(type(f))).findFirst())
        .or(
            () ->
                files.stream()
                    .filter(f -> f.path("primary").asBoolean(false))
                    .filter(f -> !NOT_MODELS.contains(type(f)))
                    .findFirst());
  }

  /** The live mirrors in order, else the file's {@code downloadUrl}. */
  static List<URI> urls(JsonNode file) {
    List<URI> urls = new ArrayList<>();
    for (JsonNode mirror : file.path("mirrors")) {
      if (mirror.path("deletedAt").isNull() || mirror.path("deletedAt").isMissingNode()) {
        String url = mirror.path("url").asText("").trim();
        if (!url.isEmpty()) {
          urls.add(URI.create(url));
        }
      }
    }
    String direct = file.path("downloadUrl").asText("").trim();
    if (urls.isEmpty() && !direct.isEmpty()) {
      urls.add(URI.create(direct));
    }
    return urls;
  }

  /** The SHA-256 Civitai publishes for the file, lower case, when it does. */
  static Optional<String> sha256(JsonNode file) {
    String sha = file.path("hashes").path("SHA256").asText("").trim();
    return sha.isEmpty() ? Optional.empty() : Optional.of(sha.toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean leniently(JsonNode file, ObjectNode params) {
    if (!type(file).equals(params.path("type").asText("Model"))) {
      return false;
    }
    for (String key : List.of("format", "size", "fp")) {
      String wanted = params.path(key).asText("");
      String actual = file.path("metadata").path(key).asText(file.path(key).asText(""));
      if (!wanted.isEmpty() && !actual.isEmpty() && !wanted.equals(actual)) {
        return false;
      }
    }
    return true;
  }

  private static String type(JsonNode file) {
    return file.path("type").asText("Model");
  }
}
