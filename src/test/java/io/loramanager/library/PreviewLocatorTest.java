package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreviewLocatorTest {

  private static String find(String base, String... names) {
    Set<String> set = new LinkedHashSet<>(List.of(names));
    Map<String, String> lower = new HashMap<>();
    for (String name : names) {
      lower.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }
    return PreviewLocator.find(base, set, lower);
  }

  @Test
  void suffixesAreInTheReferenceDiscoveryOrder() {
    assertThat(PreviewLocator.SUFFIXES)
        .containsExactly(
            ".webp",
            ".preview.webp",
            ".preview.png",
            ".preview.jpeg",
            ".preview.jpg",
            ".preview.mp4",
            ".png",
            ".jpeg",
            ".jpg",
            ".mp4",
            ".gif",
            ".webm",
            ".avif",
            ".jxl",
            ".example.0.jpeg");
  }

  @Test
  void theFirstSuffixInOrderWinsWhateverTheListingOrder() {
    assertThat(find("m", "m.gif", "m.png", "m.preview.png", "m.webp")).isEqualTo("m.webp");
    assertThat(find("m", "m.gif", "m.png", "m.preview.png")).isEqualTo("m.preview.png");
    assertThat(find("m", "m.jxl", "m.mp4", "m.jpg")).isEqualTo("m.jpg");
  }

  @Test
  void anExactCaseMatchLaterInOrderBeatsACaseInsensitiveEarlierOne() {
    assertThat(find("m", "M.WEBP", "m.gif")).isEqualTo("m.gif");
  }

  @Test
  void aCaseInsensitiveMatchIsFoundWhenNoExactOneExists() {
    assertThat(find("Model", "model.PNG", "other.webp")).isEqualTo("model.PNG");
    assertThat(find("m", "M.Preview.JPEG")).isEqualTo("M.Preview.JPEG");
  }

  @Test
  void theExampleImageFallbackComesLast() {
    assertThat(find("m", "m.example.0.jpeg", "m.jxl")).isEqualTo("m.jxl");
    assertThat(find("m", "m.example.0.jpeg")).isEqualTo("m.example.0.jpeg");
  }

  @Test
  void noPreviewIsNull() {
    assertThat(find("m", "m.safetensors", "m.metadata.json", "m.txt", "mm.webp")).isNull();
  }

  @Test
  void anotherModelsPreviewWithACommonPrefixIsNotTaken() {
    assertThat(find("m", "m.v2.webp")).isNull();
  }
}
