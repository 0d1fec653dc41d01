package io.loramanager.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The {@code settings.json} of the {@code @QuarkusTest} server ({@code lm.data-dir}/settings.json):
 * a test writes the keys it needs and removes the file after; the server picks edits up when an
 * operation that reads them starts.
 */
public final class SettingsFile {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path FILE = Path.of("target/test-data/settings.json");

  private SettingsFile() {}

  public static ObjectNode empty() {
    return MAPPER.createObjectNode();
  }

  /** Writes the settings; the modification time moves on so the change is always seen. */
  public static void write(ObjectNode settings) {
    try {
      FileTime before =
          Files.exists(FILE) ? Files.getLastModifiedTime(FILE) : FileTime.fromMillis(0);
      LibraryFixture.write(FILE, MAPPER.writeValueAsBytes(settings));
      Files.setLastModifiedTime(FILE, FileTime.fromMillis(before.toMillis() + 1000 * 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void remove() {
    try {
      Files.deleteIfExists(FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
