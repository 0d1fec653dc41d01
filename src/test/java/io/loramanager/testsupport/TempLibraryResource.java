package io.loramanager.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a packaged application under test ({@code @QuarkusIntegrationTest}) a library and data
 * folder of its own in a temp folder, and points {@link LibraryFixture#testLibrary()} (and so
 * {@link TestLibrary}) at that library, so that a JVM test class runs unchanged against the jar.
 */
public class TempLibraryResource implements QuarkusTestResourceLifecycleManager {

  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("lm-it-");
      Path data = Files.createDirectories(dir.resolve("data"));
      Path models = new LibraryFixture(dir.resolve("models")).reset().dir();
      System.setProperty(LibraryFixture.LOCATION_PROPERTY, models.toString());
      return Map.of(
          "lm.models-dir", models.toString(),
          "lm.data-dir", data.toString(),
          // As in the test profile: tests write their own files and rescan.
          "lm.scan.watch", "false");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    System.clearProperty(LibraryFixture.LOCATION_PROPERTY);
    if (dir != null) {
      LibraryFixture.deleteTree(dir);
    }
  }
}
