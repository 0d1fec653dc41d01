package io.loramanager.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelEntry;
import io.loramanager.recipe.image.ImageTextReader;
import io.loramanager.recipe.image.ImageTexts;
import io.loramanager.recipe.parse.LocalModels;
import io.loramanager.recipe.parse.LoraFingerprint;
import io.loramanager.recipe.parse.ParseContext;
import io.loramanager.recipe.parse.RecipeParsers;
import io.loramanager.testsupport.Entries;
import io.loramanager.testsupport.ImageFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The work of analyze-image on a typical 2 MB PNG (target ≤ 50 ms): read the text chunks with the
 * chunk guard, pick and run the parser, resolve LoRAs against a 10,000-LoRA library view, compute
 * the fingerprint. {@code a1111}: a Forge {@code parameters} text with four LoRAs; {@code comfy}: a
 * ComfyUI prompt (60 nodes) plus a 300 KB workflow chunk. The image data is incompressible.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecipeAnalysisBenchmark {

  @Param({"a1111", "comfy"})
  public String source;

  private Path file;
  private ImageTextReader reader;
  private RecipeParsers parsers;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Map<String, ModelEntry> byName = new HashMap<>();
    Map<String, ModelEntry> byHash = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      ModelEntry entry = Entries.entry("lora_" + i).baseModel("SDXL 1.0").build();
      byName.put(entry.fileName().toLowerCase(Locale.ROOT), entry);
      byHash.put(entry.sha256().substring(0, 10), entry);
    }
    LocalModels local =
        new LocalModels() {
          @Override
          public Optional<ModelEntry> loraByHash(String hash) {
            return Optional.ofNullable(byHash.get(hash.toLowerCase(Locale.ROOT)));
          }

          @Override
          public Optional<ModelEntry> loraByName(String name, String base) {
            return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
          }

          @Override
          public Optional<ModelEntry> loraByVersionId(long versionId) {
            return Optional.empty();
          }

          @Override
          public Optional<ModelEntry> checkpointByHash(String hash) {
            return Optional.empty();
          }
        };
    parsers = new RecipeParsers(new ObjectMapper(), new ParseContext(local, null));
    reader = new ImageTextReader();
    ImageFixtures.PngBuilder png = ImageFixtures.png().pixelBytes(2 * 1024 * 1024);
    if (source.equals("a1111")) {
      png.text(
          "parameters",
          "masterpiece, 1girl, <lora:lora_1:0.6> <lora:lora_2:0.8> <lora:lora_3:1> <lora:missing:0.5>\n"
              + "Negative prompt: lowres, bad anatomy\n"
              + "Steps: 28, Sampler: DPM++ 2M, CFG scale: 6.5, Seed: 1234567890, Size: 832x1216, Model hash: 7f96a1a9ca, "
              + "Model: animagineXL_v31, Lora hashes: \"lora_1: "
              + Entries.shaOf("/lib/lora_1.safetensors").substring(0, 10)
              + ", missing: 0123456789\", Version: v1.10.1");
    } else {
      StringBuilder prompt = new StringBuilder("{");
      for (int i = 0; i < 60; i++) {
        String node =
            i % 10 == 0
                ? "{\"class_type\":\"LoraLoader\",\"inputs\":{\"lora_name\":\"lora_"
                    + i
                    + ".safetensors\",\"strength_model\":0.7}}"
                : "{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":"
                    + i
                    + ",\"steps\":20,\"cfg\":7,\"sampler_name\":\"euler\"}}";
        prompt.append(i == 0 ? "" : ",").append('"').append(i).append("\":").append(node);
      }
      prompt.append('}');
      png.text("prompt", prompt.toString())
          .ztxt(
              "workflow",
              "{\"nodes\":[" + "{\"id\":1,\"widgets_values\":[\"x\"]},".repeat(9000) + "{}]}");
    }
    file = Files.createTempFile("lm-recipe-bench", ".png");
    Files.write(file, png.build());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public String analyze() {
    ImageTexts texts = reader.read(file);
    ObjectNode result = parsers.parse(texts.primary());
    return LoraFingerprint.of(result.path("loras"));
  }
}
