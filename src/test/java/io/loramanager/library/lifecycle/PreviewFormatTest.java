package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content sniffing of uploads: the leading bytes decide, nothing else. */
class PreviewFormatTest {

  @ParameterizedTest
  @CsvSource({
    "89504e470d0a1a0a0000000d, PNG, .png",
    "ffd8ffe000104a4649460001, JPEG, .jpeg",
    "474946383761010001000000, GIF, .gif",
    "474946383961010001000000, GIF, .gif",
    "524946462400000057454250, WEBP, .webp",
    "000000186674797069736f6d, MP4, .mp4",
    "1a45dfa39f4286810142f781, WEBM, .webm"
  })
  void knownFormatsAreRecognisedByTheirMagicBytes(
      String hex, PreviewFormat expected, String suffix) {
    assertThat(PreviewFormat.sniff(HexFormat.of().parseHex(hex))).contains(expected);
    assertThat(expected.suffix()).isEqualTo(suffix);
  }

  @Test
  void textShortInputAndRiffThatIsNotWebpAreRefused() {
    assertThat(PreviewFormat.sniff("<svg xmlns=".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(PreviewFormat.sniff(new byte[] {(byte) 0x89, 'P'})).isEmpty();
    assertThat(PreviewFormat.sniff(new byte[0])).isEmpty();
    assertThat(PreviewFormat.sniff("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
  }
}
