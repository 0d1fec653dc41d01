package io.loramanager.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.library.FoundModel;
import io.loramanager.library.LibraryWalker;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelFileProcessor;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import io.loramanager.library.SidecarStore;
import io.loramanager.storage.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryGeneratorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int COUNT = 120;

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void sameSeedWritesTheSameLibrary() throws IOException {
    new LibraryGenerator(first, 42).write(COUNT);
    new LibraryGenerator(second, 42).write(COUNT);

    Map<String, String> a = contents(first);
    Map<String, String> b = contents(second);
    assertThat(a).hasSizeGreaterThan(2 * COUNT);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void anotherSeedWritesAnotherLibrary() throws IOException {
    new LibraryGenerator(first, 1).write(COUNT);
    new LibraryGenerator(second, 2).write(COUNT);

    assertThat(contents(second)).isNotEqualTo(contents(first));
  }

  @Test
  void writesEveryTypeInNestedFoldersWithSidecarsAndPreviews() throws IOException {
    LibraryGenerator.Summary summary = new LibraryGenerator(first, 7).write(COUNT);

    assertThat(summary.models()).isEqualTo(COUNT);
    assertThat(summary.loras()).isGreaterThan(summary.checkpoints() + summary.embeddings());
    assertThat(summary.checkpoints()).isPositive();
    assertThat(summary.embeddings()).isPositive();
    assertThat(summary.previews()).isBetween(COUNT / 3, COUNT * 5 / 6);
    assertThat(summary.files()).isEqualTo(2 * COUNT + summary.previews());
    assertThat(summary.lorasListed()).isBetween(summary.loras() * 9 / 10, summary.loras());
    try (Stream<Path> files = Files.walk(first)) {
      assertThat(files.filter(p -> p.toString().endsWith(".metadata.json")).count())
          .isEqualTo(COUNT);
    }
    try (Stream<Path> files = Files.walk(first.resolve("loras"))) {
      assertThat(files.filter(Files::isDirectory).mapToInt(p -> first.relativize(p).getNameCount()))
          .contains(3, 4);
    }
  }

  @Test
  void sidecarsCarryTheRealHashAndTheirOwnLocation() throws IOException {
    new LibraryGenerator(first, 3).write(COUNT);

    List<Path> sidecars = sidecars(first);
    assertThat(sidecars).hasSize(COUNT);
    for (Path sidecar : sidecars) {
      JsonNode node = MAPPER.readTree(sidecar.toFile());
      Path model = modelOf(sidecar, node);
      assertThat(node.get("sha256").asText())
          .isEqualTo(LibraryGenerator.sha256Hex(Files.readAllBytes(model)));
      assertThat(node.get("size").asLong()).isEqualTo(Files.size(model));
      assertThat(node.get("file_path").asText())
          .isEqualTo(model.toAbsolutePath().toString().replace('\\', '/'));
      String preview = node.get("preview_url").asText();
      if (!preview.isEmpty()) {
        assertThat(Path.of(preview)).exists().hasParent(model.getParent());
      }
    }
  }

  @Test
  void civitaiSidecarsHaveTheKeysClientsRead() throws IOException {
    new LibraryGenerator(first, 5).write(COUNT);

    int withCivitai = 0;
    for (Path sidecar : sidecars(first)) {
      JsonNode civitai = MAPPER.readTree(sidecar.toFile()).get("civitai");
      if (civitai.isEmpty()) {
        continue;
      }
      withCivitai++;
      assertThat(civitai.get("id").isNumber()).isTrue();
      assertThat(civitai.get("modelId").isNumber()).isTrue();
      assertThat(civitai.get("name").asText()).startsWith("v");
      assertThat(civitai.get("trainedWords").isArray()).isTrue();
      assertThat(civitai.path("creator").path("username").asText()).isNotEmpty();
      assertThat(civitai.path("model").path("type").asText()).isNotEmpty();
      assertThat(civitai.path("model").path("name").asText()).isNotEmpty();
      assertThat(civitai.get("images").size()).isPositive();
    }
    assertThat(withCivitai).isGreaterThan(COUNT / 2);
  }

  @Test
  void aScanOfTheLibraryCataloguesEveryModelAndRewritesNoSidecar() throws IOException {
    new LibraryGenerator(first, 11).write(COUNT);
    Map<String, String> before = contents(first);
    List<ModelFileProcessor.Outcome> outcomes = new ArrayList<>();
    for (ModelType type : ModelType.values()) {
      Path root = first.resolve(type.prefix());
      ModelRoot modelRoot =
          new ModelRoot(
              root, root.toRealPath(), type == ModelType.CHECKPOINT ? "checkpoint" : null);
      List<FoundModel> found =
          new LibraryWalker(ForkJoinPool.commonPool())
              .walk(type, List.of(modelRoot), () -> false)
              .models();
      ModelFileProcessor processor =
          new ModelFileProcessor(
              type, new SidecarStore(new JsonFiles(MAPPER)), MAPPER, Clock.systemUTC(), 1 << 20);
      for (FoundModel model : found) {
        outcomes.add(processor.process(model));
      }
    }

    assertThat(outcomes).hasSize(COUNT).allMatch(o -> o instanceof ModelFileProcessor.Catalogued);
    assertThat(contents(first)).isEqualTo(before);
  }

  @Test
  void inMemoryEntriesMatchWhatAScanBuilds() throws IOException {
    LibraryGenerator generator = new LibraryGenerator(first, 13);
    generator.write(COUNT);
    List<ModelEntry> entries = generator.entries(ModelType.LORA, COUNT);

    Path root = first.resolve("loras");
    List<FoundModel> found =
        new LibraryWalker(ForkJoinPool.commonPool())
            .walk(
                ModelType.LORA, List.of(new ModelRoot(root, root.toRealPath(), null)), () -> false)
            .models();
    ModelFileProcessor processor =
        new ModelFileProcessor(
            ModelType.LORA,
            new SidecarStore(new JsonFiles(MAPPER)),
            MAPPER,
            Clock.systemUTC(),
            1 << 20);
    Map<String, ModelEntry> scanned = new TreeMap<>();
    for (FoundModel model : found) {
      ModelEntry entry = ((ModelFileProcessor.Catalogued) processor.process(model)).entry();
      scanned.put(entry.filePath(), entry);
    }

    assertThat(entries).hasSize(scanned.size());
    for (ModelEntry entry : entries) {
      assertThat(entry.withStamp(scanned.get(entry.filePath()).stamp()))
          .isEqualTo(scanned.get(entry.filePath()));
    }
  }

  @Test
  void refusesAFolderThatAlreadyHoldsModels() throws IOException {
    Files.createDirectories(first.resolve("loras"));
    Files.writeString(first.resolve("loras/old.safetensors"), "x");

    assertThatThrownBy(() -> new LibraryGenerator(first, 1).write(3))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not empty");
  }

  @Test
  void mixParsesWeights() {
    assertThat(LibraryGenerator.Mix.parse("1:0:0")).isEqualTo(LibraryGenerator.Mix.LORAS_ONLY);
    assertThatThrownBy(() -> LibraryGenerator.Mix.parse("1:2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LibraryGenerator.Mix.parse("0:0:0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Relative path → content, with the library's own folder written as DIR. */
  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    String prefix = dir.toAbsolutePath().toString().replace('\\', '/');
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        out.put(dir.relativize(file).toString(), text.replace(prefix, "DIR"));
      }
    }
    return out;
  }

  private static List<Path> sidecars(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".metadata.json")).sorted().toList();
    }
  }

  private static Path modelOf(Path sidecar, JsonNode node) throws IOException {
    try (Stream<Path> siblings = Files.list(sidecar.getParent())) {
      String base = node.get("file_name").asText();
      return siblings
          .filter(p -> p.getFileName().toString().startsWith(base + "."))
          .filter(p -> !p.toString().endsWith(".metadata.json"))
          .filter(p -> !p.toString().matches(".*\\.(webp|png|jpeg|mp4)$"))
          .findFirst()
          .orElseThrow();
    }
  }
}
