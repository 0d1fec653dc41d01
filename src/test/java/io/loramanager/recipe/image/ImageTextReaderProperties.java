package io.loramanager.recipe.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.errors.LmException;
import io.loramanager.testsupport.ImageFixtures;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any bytes given to the reader give texts or a bad-input error, never another exception. */
class ImageTextReaderProperties {

  private static Path dir;
  private final ImageTextReader reader = new ImageTextReader();

  @BeforeContainer
  static void folder() throws IOException {
    dir = Files.createTempDirectory("lm-image-fuzz");
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  private static final byte[][] SEEDS = {
    ImageFixtures.png()
        .text("parameters", "a\nSteps: 1")
        .ztxt("prompt", "{}")
        .itxt("workflow", "{}", true)
        .build(),
    ImageFixtures.jpeg(
        ImageFixtures.unicodeComment("Steps: 2", ByteOrder.LITTLE_ENDIAN),
        "Workflow:{}",
        ByteOrder.BIG_ENDIAN),
    ImageFixtures.webp(
        ImageFixtures.unicodeComment("Steps: 3", ByteOrder.BIG_ENDIAN),
        "x",
        ByteOrder.LITTLE_ENDIAN),
  };

  @Provide
  Arbitrary<byte[]> mutatedImages() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    Arbitrary<byte[]> mutated =
        Arbitraries.integers()
            .between(0, SEEDS.length - 1)
            .flatMap(
                seed ->
                    Arbitraries.integers()
                        .between(0, SEEDS[seed].length - 1)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(6)
                        .flatMap(
                            positions ->
                                Arbitraries.bytes()
                                    .list()
                                    .ofSize(positions.size())
                                    .flatMap(
                                        values ->
                                            Arbitraries.integers()
                                                .between(1, SEEDS[seed].length)
                                                .map(
                                                    cut -> {
                                                      byte[] copy = SEEDS[seed].clone();
                                                      for (int i = 0; i < positions.size(); i++) {
                                                        copy[positions.get(i)] = values.get(i);
                                                      }
                                                      return Arrays.copyOf(copy, cut);
                                                    }))));
    return Arbitraries.oneOf(random, mutated);
  }

  @Property(tries = 1000)
  void anyBytesGiveTextsOrACleanError(@ForAll("mutatedImages") byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("fuzz.img"), bytes);
    try {
      ImageTexts texts = reader.read(file);
      assertThat(texts).isNotNull();
    } catch (LmException e) {
      assertThat(e.kind()).isEqualTo(LmException.Kind.BAD_INPUT);
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
