package io.loramanager.recipe.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.ImageFixtures;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UserCommentTextTest {

  @Test
  void unicodeBigEndianAsTheReferenceWrites() {
    assertThat(
            UserCommentText.decode(
                ImageFixtures.unicodeComment("Steps: 20 猫", ByteOrder.BIG_ENDIAN)))
        .isEqualTo("Steps: 20 猫");
  }

  @Test
  void unicodeLittleEndianIsRecognised() {
    assertThat(
            UserCommentText.decode(
                ImageFixtures.unicodeComment("Steps: 20, Sampler: Euler", ByteOrder.LITTLE_ENDIAN)))
        .isEqualTo("Steps: 20, Sampler: Euler");
  }

  @Test
  void byteOrderMarkDecidesTheOrder() {
    byte[] le =
        ImageFixtures.concat(
            "UNICODE\0".getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xFF, (byte) 0xFE},
            "猫".getBytes(StandardCharsets.UTF_16LE));
    byte[] be =
        ImageFixtures.concat(
            "UNICODE\0".getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xFE, (byte) 0xFF},
            "猫".getBytes(StandardCharsets.UTF_16BE));
    assertThat(UserCommentText.decode(le)).isEqualTo("猫");
    assertThat(UserCommentText.decode(be)).isEqualTo("猫");
  }

  @Test
  void asciiAndUndefinedPrefixesAreStripped() {
    assertThat(UserCommentText.decode("ASCII\0\0\0hello\0\0".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("hello");
    assertThat(
            UserCommentText.decode(
                ImageFixtures.concat(new byte[8], "hi".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("hi");
    assertThat(UserCommentText.decode("plain ü".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("plain ü");
  }

  @Test
  void invalidUtf16BecomesReplacementCharacters() {
    byte[] lone =
        ImageFixtures.concat(
            "UNICODE\0".getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xD8, 0x00, 0x00, 0x41, 0x42});
    assertThat(UserCommentText.decode(lone)).isEqualTo("\uFFFD\uFFFD");
  }

  @Test
  void emptyValuesAreNull() {
    assertThat(UserCommentText.decode(null)).isNull();
    assertThat(UserCommentText.decode(new byte[0])).isNull();
    assertThat(UserCommentText.decode("UNICODE\0".getBytes(StandardCharsets.US_ASCII))).isNull();
  }
}
