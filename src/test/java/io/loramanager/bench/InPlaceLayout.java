package io.loramanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.PathTemplate;
import io.loramanager.library.lifecycle.PriorityTags;
import io.loramanager.library.lifecycle.TemplateValues;
import io.loramanager.settings.LibrarySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rearranges a generated library (offline, before the server starts) so that every model already
 * sits in the folder of the default template {@code {base_model}/{first_tag}}: the starting point
 * of the "auto-organize with nothing to move" benchmark. Each model moves with every file named
 * {@code NAME.*} beside it, and its sidecar's {@code file_path} and {@code preview_url} follow.
 *
 * <p>Usage: {@code InPlaceLayout MODELS_DIR}; prints {@code moved=N in_place=M}.
 */
public final class InPlaceLayout {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InPlaceLayout() {}

  public static void main(String[] args) throws IOException {
    Path models = Path.of(args[0]).toAbsolutePath().normalize();
    int moved = 0;
    int inPlace = 0;
    for (ModelType type : ModelType.values()) {
      Path root = models.resolve(type.prefix());
      if (!Files.isDirectory(root)) {
        continue;
      }
      PathTemplate template =
          new PathTemplate(
              type,
              LibrarySettings.DEFAULT_PATH_TEMPLATE,
              Map.of(),
              PriorityTags.parse(LibrarySettings.DEFAULT_PRIORITY_TAGS));
      List<Path> sidecars;
      try (Stream<Path> files = Files.walk(root)) {
        sidecars = files.filter(f -> f.toString().endsWith(".metadata.json")).toList();
      }
      for (Path sidecar : sidecars) {
        ObjectNode node = (ObjectNode) JSON.readTree(sidecar.toFile());
        Path target = root.resolve(template.relativePath(values(node)));
        if (target.equals(sidecar.getParent())) {
          inPlace++;
          continue;
        }
        move(sidecar, node, target);
        moved++;
      }
    }
    System.out.println("moved=" + moved + " in_place=" + inPlace);
  }

  private static TemplateValues values(JsonNode sidecar) {
    JsonNode civitai = sidecar.path("civitai");
    List<String> tags = new ArrayList<>();
    sidecar.path("tags").forEach(t -> tags.add(t.asText()));
    boolean linked = civitai.hasNonNull("id");
    return new TemplateValues(
        sidecar.path("base_model").asText(""),
        tags,
        linked ? civitai.path("creator").path("username").asText(null) : null,
        sidecar.path("model_name").asText(""),
        civitai.path("name").asText(""));
  }

  private static void move(Path sidecar, ObjectNode node, Path target) throws IOException {
    String name = sidecar.getFileName().toString();
    String base = name.substring(0, name.length() - ".metadata.json".length());
    Path folder = sidecar.getParent();
    Files.createDirectories(target);
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(f -> f.getFileName().toString().startsWith(base + ".")).toList();
    }
    for (Path file : files) {
      Path to = target.resolve(file.getFileName());
      if (Files.exists(to)) {
        throw new IOException("Both " + file + " and " + to + " exist");
      }
      Files.move(file, to);
    }
    String from = folder.toString().replace('\\', '/') + "/";
    String into = target.toString().replace('\\', '/') + "/";
    for (String key : List.of("file_path", "preview_url")) {
      String value = node.path(key).asText("");
      if (value.startsWith(from)) {
        node.put(key, into + value.substring(from.length()));
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(target.resolve(name).toFile(), node);
  }
}
