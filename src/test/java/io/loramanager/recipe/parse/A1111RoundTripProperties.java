package io.loramanager.recipe.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A1111 text written from generated parameters parses back to the same values (§2.5). */
class A1111RoundTripProperties {

  /** Generated generation parameters and prompt LoRA tags. */
  record Generated(
      String prompt,
      String negative,
      int steps,
      String sampler,
      double cfg,
      long seed,
      int width,
      int height,
      List<String> loraNames,
      List<Double> weights) {

    String text() {
      StringBuilder text = new StringBuilder(prompt);
      for (int i = 0; i < loraNames.size(); i++) {
        text.append(" <lora:")
            .append(loraNames.get(i))
            .append(':')
            .append(weights.get(i))
            .append('>');
      }
      if (negative != null) {
        text.append("\nNegative prompt: ").append(negative);
      }
      text.append("\nSteps: ")
          .append(steps)
          .append(", Sampler: ")
          .append(sampler)
          .append(", CFG scale: ")
          .append(cfg)
          .append(", Seed: ")
          .append(seed)
          .append(", Size: ")
          .append(width)
          .append('x')
          .append(height)
          .append(", Lora hashes: \"");
      for (int i = 0; i < loraNames.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(loraNames.get(i)).append(": ").append(hash(i));
      }
      return text.append("\", Version: v1.10").toString();
    }

    String expectedPrompt() {
      return text()
          .substring(0, text().indexOf(negative != null ? "\nNegative prompt:" : "\nSteps:"))
          .trim();
    }
  }

  static String hash(int i) {
    return String.format("%012x", 0xabc000L + i);
  }

  @Provide
  Arbitrary<Generated> generated() {
    Arbitrary<String> words =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars(' ', '(', ')', ':', '.', '猫')
            .ofMinLength(1)
            .ofMaxLength(40)
            .filter(s -> !s.isBlank() && !s.contains("Steps: ") && !s.contains("Negative prompt:"));
    Arbitrary<String> negative =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars(' ', ',')
            .ofMaxLength(30)
            .injectNull(0.3)
            .filter(s -> s == null || !s.isBlank());
    Arbitrary<List<String>> names =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('_')
            .ofMinLength(1)
            .ofMaxLength(12)
            .list()
            .ofMaxSize(3)
            .uniqueElements();
    Arbitrary<Double> weight = Arbitraries.integers().between(-100, 200).map(i -> i / 100.0);
    return Combinators.combine(
            words,
            negative,
            Arbitraries.integers().between(1, 150),
            Arbitraries.of("Euler a", "DPM++ 2M", "DDIM"),
            Arbitraries.integers().between(10, 300).map(i -> i / 10.0),
            Arbitraries.longs().between(0, 1L << 40),
            Arbitraries.integers().between(64, 2048),
            names)
        .flatAs(
            (p, n, steps, sampler, cfg, seed, size, loras) ->
                weight
                    .list()
                    .ofSize(loras.size())
                    .map(
                        ws ->
                            new Generated(
                                p,
                                n == null ? null : n.trim(),
                                steps,
                                sampler,
                                cfg,
                                seed,
                                size,
                                size + 8,
                                loras,
                                ws)));
  }

  @Property(tries = 300)
  void parsesBackToTheSameValues(@ForAll("generated") Generated g) {
    ObjectNode result = ParserTestSupport.parse(g.text());
    JsonNode params = result.get("gen_params");
    assertThat(params.get("prompt").asText()).isEqualTo(g.expectedPrompt());
    if (g.negative() != null) {
      assertThat(params.get("negative_prompt").asText()).isEqualTo(g.negative());
    } else {
      assertThat(params.has("negative_prompt")).isFalse();
    }
    assertThat(params.get("steps").asInt()).isEqualTo(g.steps());
    assertThat(params.get("sampler").asText()).isEqualTo(g.sampler());
    assertThat(params.get("cfg_scale").asDouble()).isEqualTo(g.cfg());
    assertThat(params.get("seed").asLong()).isEqualTo(g.seed());
    assertThat(params.get("size").asText()).isEqualTo(g.width() + "x" + g.height());
    JsonNode loras = result.get("loras");
    assertThat(loras).hasSize(g.loraNames().size());
    for (int i = 0; i < loras.size(); i++) {
      assertThat(loras.get(i).get("file_name").asText()).isEqualTo(g.loraNames().get(i));
      assertThat(loras.get(i).get("hash").asText()).isEqualTo(hash(i));
      assertThat(loras.get(i).get("weight").asDouble()).isEqualTo(g.weights().get(i));
    }
  }
}
