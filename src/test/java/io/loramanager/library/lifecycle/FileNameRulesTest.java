package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** New file names: what is refused and why. */
class FileNameRulesTest {

  private static void assertRefused(String name, String suffix, String message) {
    assertThatThrownBy(() -> FileNameRules.check(name, suffix))
        .isInstanceOf(LmException.class)
        .hasMessage(message)
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.BAD_INPUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "\\", ":", "*", "?", "\"", "<", ">", "|"})
  void forbiddenCharactersAreRefused(String c) {
    assertRefused(
        "a" + c + "b",
        ".safetensors",
        "Invalid characters in file name: '"
            + c
            + "' is not allowed (none of / \\ : * ? \" < > |)");
  }

  @Test
  void controlCharactersAreRefused() {
    assertRefused(
        "a\nb", "", "Invalid characters in file name: control character U+000A is not allowed");
    assertRefused(
        "a\u007fb", "", "Invalid characters in file name: control character U+007F is not allowed");
  }

  @Test
  void emptyAndDotNamesAreRefused() {
    assertRefused("", "", "new_file_name must not be empty");
    assertRefused(".", "", "Invalid file name: '.'");
    assertRefused("..", "", "Invalid file name: '..'");
  }

  @Test
  void theLongestResultingFileNameMayHave255Bytes() {
    String ok = "a".repeat(255 - ".metadata.json".length());
    assertThatCode(() -> FileNameRules.check(ok, ".metadata.json")).doesNotThrowAnyException();
    assertRefused(
        ok + "é",
        ".metadata.json",
        "File name is too long: '" + ok + "é.metadata.json' would be 257 bytes (at most 255)");
  }

  @Test
  void ordinaryNamesPass() {
    assertThatCode(() -> FileNameRules.check("Ink style v2.1 (final)", ".safetensors"))
        .doesNotThrowAnyException();
    assertThatCode(() -> FileNameRules.check("写真 風", ".safetensors")).doesNotThrowAnyException();
  }
}
