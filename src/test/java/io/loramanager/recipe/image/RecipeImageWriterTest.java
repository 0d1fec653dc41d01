package io.loramanager.recipe.image;

import static io.loramanager.testsupport.ImageFixtures.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import io.loramanager.testsupport.ImageFixtures;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeImageWriterTest {

  @TempDir Path dir;
  private final ImageTextReader reader = new ImageTextReader();
  private final RecipeImageWriter writer = new RecipeImageWriter(reader);

  @Test
  void pngParametersAreReplacedAndOtherChunksKept() throws IOException {
    Path file = dir.resolve("r.png");
    Files.write(
        file,
        png()
            .text("parameters", "old\nSteps: 1")
            .ztxt("workflow", "{\"w\":1}")
            .text("prompt", "{}")
            .build());
    assertThat(writer.writeParameters(file, "new\nSteps: 2")).isTrue();
    ImageTexts texts = reader.read(file);
    assertThat(texts).isEqualTo(new ImageTexts("new\nSteps: 2", "{}", "{\"w\":1}", null, false));
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
        .containsExactly("r.png");
  }

  @Test
  void nonLatinTextGoesToAnInternationalChunk() throws IOException {
    Path file = dir.resolve("u.png");
    Files.write(file, png().build());
    writer.writeParameters(file, "猫\nSteps: 3");
    assertThat(reader.read(file).parameters()).isEqualTo("猫\nSteps: 3");
    assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("iTXtparameters");
  }

  @Test
  void recipeMarkerIsAppendedOnceAndReplacedOnTheNextSave() throws IOException {
    Path file = dir.resolve("m.png");
    Files.write(file, png().text("parameters", "a cat\nSteps: 20").build());
    writer.appendRecipeMetadata(file, "{\"title\":\"one\"}");
    writer.appendRecipeMetadata(file, "{\"title\":\"two\"}");
    assertThat(reader.read(file).parameters())
        .isEqualTo("a cat\nSteps: 20 \n Recipe metadata: {\"title\":\"two\"}");
  }

  @Test
  void markerRules() {
    assertThat(RecipeImageWriter.withRecipeMarker(null, "{}")).isEqualTo("Recipe metadata: {}");
    assertThat(RecipeImageWriter.withRecipeMarker("x, Recipe metadata: {\"a\":1}\nrest", "{}"))
        .isEqualTo("x\nrest \n Recipe metadata: {}");
  }

  @Test
  void videoIsLeftUntouchedAndParametersAreForPngOnly() throws IOException {
    byte[] mp4 = io.loramanager.testsupport.CivitaiFixtures.MP4;
    Path video = dir.resolve("a.mp4");
    Files.write(video, mp4);
    assertThat(writer.appendRecipeMetadata(video, "{}")).isFalse();
    assertThat(Files.readAllBytes(video)).isEqualTo(mp4);
    byte[] jpeg = ImageFixtures.jpeg(null, null, ByteOrder.BIG_ENDIAN);
    Path file = dir.resolve("a.jpg");
    Files.write(file, jpeg);
    assertThat(writer.writeParameters(file, "x")).isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(jpeg);
  }

  @Test
  void truncatedPngIsRefusedAndNotChanged() throws IOException {
    byte[] whole = png().text("parameters", "a\nSteps: 1").build();
    byte[] cut = Arrays.copyOf(whole, whole.length - 20);
    Path file = dir.resolve("t.png");
    Files.write(file, cut);
    assertThatThrownBy(() -> writer.writeParameters(file, "x"))
        .isInstanceOf(LmException.class)
        .hasMessage("The PNG is truncated; its text cannot be rewritten");
    assertThat(Files.readAllBytes(file)).isEqualTo(cut);
  }
}
