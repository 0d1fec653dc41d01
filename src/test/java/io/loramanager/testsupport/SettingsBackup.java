package io.loramanager.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code settings.json} every {@code @QuarkusTest} shares ({@code <lm.data-dir>/settings.json}
 * of the test profile). A test that changes settings takes a backup first and restores it at the
 * end through the API, so that the live settings, the roots and the catalogue follow and other test
 * classes see the settings they started with.
 */
public final class SettingsBackup {

  public static final Path FILE = Path.of("target/test-data/settings.json").toAbsolutePath();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode original;

  private SettingsBackup(ObjectNode original) {
    this.original = original;
  }

  public static SettingsBackup take() {
    return new SettingsBackup(read());
  }

  /** The settings file as JSON now (empty when there is none). */
  public static ObjectNode read() {
    if (!Files.exists(FILE)) {
      return JSON.createObjectNode();
    }
    try {
      return (ObjectNode) JSON.readTree(FILE.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings as taken, for comparison. */
  public ObjectNode original() {
    return original.deepCopy();
  }

  /** POSTs whatever brings the settings back to the backup (removed keys as "__DELETE__"). */
  public void restore() {
    JsonNode active = original.get("active_library");
    if (active != null && !active.equals(read().get("active_library"))) {
      given()
          .contentType(ContentType.JSON)
          .body(JSON.createObjectNode().set("library", active).toString())
          .post("/api/lm/settings/libraries/activate");
    }
    ObjectNode now = read();
    ObjectNode changes = JSON.createObjectNode();
    for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!original.has(key)) {
        changes.put(key, "__DELETE__");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().equals(now.get(field.getKey()))) {
        changes.set(field.getKey(), field.getValue());
      }
    }
    if (!changes.isEmpty()) {
      given()
          .contentType(ContentType.JSON)
          .body(changes.toString())
          .post("/api/lm/settings")
          .then()
          .statusCode(200);
    }
  }
}
