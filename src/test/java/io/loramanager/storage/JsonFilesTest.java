package io.loramanager.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {

  /**
   * What Python's {@code json.dumps(d, indent=2, ensure_ascii=False)} writes for the same data.
   * Floats are left out: Jackson writes {@code 1.7E9} where Python writes {@code 1700000000.0}
   * (same value, different spelling; reported, not asserted here).
   */
  private static final String REFERENCE =
      """
      {
        "file_name": "Ünïcode 日本",
        "size": 12,
        "last_checked_at": 0,
        "tags": [
          "a",
          "b"
        ],
        "civitai": {},
        "trainedWords": [],
        "autov3": null,
        "nested": {
          "k": [
            1,
            {
              "x": true
            }
          ]
        },
        "zz_unknown": "kept"
      }"""
          .stripIndent();

  @TempDir Path dir;

  private final JsonFiles json = new JsonFiles(new ObjectMapper());

  @Test
  void aReferenceFileIsWrittenBackByteForByte() throws IOException {
    Path file = dir.resolve("m.metadata.json");
    Files.writeString(file, REFERENCE);

    ObjectNode node = json.readObject(file);
    byte[] bytes = json.toBytes(node);

    assertThat(new String(bytes, UTF_8)).isEqualTo(REFERENCE);
  }

  @Test
  void layoutIsTwoSpaceIndentWithSpaceAfterColonOnly() throws IOException {
    ObjectNode node = json.mapper().createObjectNode();
    node.put("a", 1);
    node.putArray("b").add("x");
    node.putObject("c").put("d", false);

    assertThat(new String(json.toBytes(node), UTF_8))
        .isEqualTo(
            "{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ],\n  \"c\": {\n    \"d\": false\n  }\n}");
  }

  @Test
  void nonAsciiIsWrittenAsUtf8NotEscaped() throws IOException {
    ObjectNode node = json.mapper().createObjectNode();
    node.put("model_name", "Café 日本 ✓");

    byte[] bytes = json.toBytes(node);

    assertThat(new String(bytes, UTF_8)).isEqualTo("{\n  \"model_name\": \"Café 日本 ✓\"\n}");
    assertThat(new String(bytes, UTF_8)).doesNotContain("\\u");
  }

  @Test
  void unknownKeysRoundTripInTheirOriginalOrder() throws IOException {
    Path file = dir.resolve("m.metadata.json");
    Files.writeString(
        file,
        "{\"zeta\": 1, \"file_name\": \"m\", \"alpha\": {\"inner\": [3, 2, 1]}, \"mid\": null}");

    json.write(file, json.readObject(file));

    ObjectNode again = json.readObject(file);
    List<String> keys = new ArrayList<>();
    again.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("zeta", "file_name", "alpha", "mid");
    assertThat(again.get("alpha").get("inner").toString()).isEqualTo("[3,2,1]");
    assertThat(again.get("mid").isNull()).isTrue();
  }

  @Test
  void writeStoresExactlyTheSerialisedBytesAndNoTmp() throws IOException {
    Path file = dir.resolve("settings.json");
    ObjectNode node = json.mapper().createObjectNode().put("k", "v");

    json.write(file, node);

    assertThat(Files.readAllBytes(file)).isEqualTo(json.toBytes(node));
    assertThat(Files.exists(dir.resolve("settings.json.tmp"))).isFalse();
  }

  @Test
  void readingAnArrayIsRefusedAsNotAnObject() throws IOException {
    Path file = dir.resolve("list.json");
    Files.writeString(file, "[1, 2]");

    assertThatThrownBy(() -> json.readObject(file))
        .isInstanceOf(IOException.class)
        .hasMessage("not a JSON object: " + file);
  }

  @Test
  void readingAnEmptyFileIsRefusedAsNotAnObject() throws IOException {
    Path file = dir.resolve("empty.json");
    Files.writeString(file, "");

    assertThatThrownBy(() -> json.readObject(file))
        .isInstanceOf(IOException.class)
        .hasMessage("not a JSON object: " + file);
  }

  @Test
  void readingInvalidJsonFailsWithAParseError() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"a\": ");

    assertThatThrownBy(() -> json.readObject(file))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }
}
