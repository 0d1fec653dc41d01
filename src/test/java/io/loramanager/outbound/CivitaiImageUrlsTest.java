package io.loramanager.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CivitaiImageUrlsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://image.civitai.com/xG1nkqKTMzGDvpLrqFT7WA/abc-123/original=true/1.jpeg |"
            + " https://image.civitai.com/xG1nkqKTMzGDvpLrqFT7WA/abc-123/width=450,optimized=true/1.jpeg",
        "https://IMAGE.Civitai.com/a/b/original=true/x.png?v=2 |"
            + " https://IMAGE.Civitai.com/a/b/width=450,optimized=true/x.png?v=2",
        "http://cdn.civitai.com:8080/a/original=true/x.webp |"
            + " http://cdn.civitai.com:8080/a/width=450,optimized=true/x.webp"
      })
  void originalsOnCivitaiSubdomainsArePreviewSized(String original, String rewritten) {
    assertThat(CivitaiImageUrls.previewSized(URI.create(original)))
        .isEqualTo(URI.create(rewritten));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://civitai.com/a/original=true/x.png",
        "https://image.civitai.com/a/width=1024/x.png",
        "https://example.com/a/original=true/x.png",
        "https://civitai.com.evil.example/a/original=true/x.png"
      })
  void anyOtherUrlIsLeftAlone(String url) {
    assertThat(CivitaiImageUrls.previewSized(URI.create(url))).isEqualTo(URI.create(url));
  }
}
