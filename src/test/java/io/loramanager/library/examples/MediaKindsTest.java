package io.loramanager.library.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Media told from their first bytes, never from names or declared types. */
class MediaKindsTest {

  private static Optional<String> sniff(String hex) {
    return MediaKinds.sniff(HexFormat.of().parseHex(hex));
  }

  private static Optional<String> sniffText(String text) {
    return MediaKinds.sniff(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void recognisesEverySupportedKind() {
    assertThat(sniff("ffd8ffe0")).contains(".jpg");
    assertThat(sniff("89504e470d0a1a0a0000")).contains(".png");
    assertThat(sniffText("GIF89a..")).contains(".gif");
    assertThat(sniffText("GIF87a..")).contains(".gif");
    assertThat(sniffText("RIFF\0\0\0\0WEBPVP8 ")).contains(".webp");
    assertThat(sniffText("\0\0\0\u001cftypavif")).contains(".avif");
    assertThat(sniffText("\0\0\0\u001cftypavis")).contains(".avif");
    assertThat(sniffText("\0\0\0\u0018ftypisom")).contains(".mp4");
    assertThat(sniff("ff0a")).contains(".jxl");
    assertThat(sniff("0000000c4a584c200d0a870a")).contains(".jxl");
    assertThat(sniff("1a45dfa3")).contains(".webm");
  }

  @Test
  void refusesAnythingElseAndShortHeads() {
    assertThat(sniffText("<html>Not found</html>")).isEmpty();
    assertThat(sniffText("RIFF\0\0\0\0WAVEfmt ")).isEmpty();
    assertThat(sniff("ffd8")).isEmpty();
    assertThat(sniff("")).isEmpty();
  }

  @Test
  void contentTypesAndKindsFollowTheExtension() {
    assertThat(MediaKinds.contentType("image_0.JPEG")).contains("image/jpeg");
    assertThat(MediaKinds.contentType("image_1.webm")).contains("video/webm");
    assertThat(MediaKinds.contentType("notes.txt")).isEmpty();
    assertThat(MediaKinds.contentType(".hidden")).isEmpty();
    assertThat(MediaKinds.isVideo("clip.MP4")).isTrue();
    assertThat(MediaKinds.isVideo("image_0.gif")).isFalse();
    assertThat(MediaKinds.extension("noext")).isEmpty();
  }
}
