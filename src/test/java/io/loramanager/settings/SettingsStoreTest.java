package io.loramanager.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import io.loramanager.testsupport.TestConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live settings document and its atomic, all-or-nothing writes. */
class SettingsStoreTest {

  @TempDir Path temp;

  private Path settingsFile() {
    return temp.resolve("config/settings.json");
  }

  private SettingsStore store() {
    return TestConfig.of(temp.resolve("data"), temp.resolve("models"))
        .withSettingsFile(settingsFile())
        .settings();
  }

  private void writeFile(String json) throws Exception {
    Files.createDirectories(settingsFile().getParent());
    Files.writeString(settingsFile(), json);
  }

  @Test
  void updateWritesTheFileInTheReferenceLayoutAndKeepsUnknownKeys() throws Exception {
    writeFile("{\"theme\": \"dark\", \"nested\": {\"x\": [1, 2.5]}, \"language\": \"en\"}");
    SettingsStore store = store();

    SettingsSnapshot after = store.update(document -> document.put("language", "zh"));

    assertThat(Files.readString(settingsFile()))
        .isEqualTo(
            """
            {
              "theme": "dark",
              "nested": {
                "x": [
                  1,
                  2.5
                ]
              },
              "language": "zh"
            }""");
    assertThat(after.string("language", "")).isEqualTo("zh");
    assertThat(store.current()).isSameAs(after);
    assertThat(store.string("theme", "")).isEqualTo("dark");
  }

  @Test
  void updateLeavesNoTemporaryFileBehind() throws Exception {
    SettingsStore store = store();

    store.update(document -> document.put("language", "de"));

    try (var files = Files.list(settingsFile().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
    }
  }

  @Test
  void updateStartsFromTheFileOnDiskSoHandEditsAreKept() throws Exception {
    writeFile("{\"language\": \"en\"}");
    SettingsStore store = store();
    writeFile("{\"language\": \"en\", \"edited_by_hand\": true}");

    store.update(document -> document.put("show_only_sfw", true));

    assertThat(store.current().document().toString())
        .isEqualTo("{\"language\":\"en\",\"edited_by_hand\":true,\"show_only_sfw\":true}");
  }

  @Test
  void corruptFileIsRefusedAndLeftUntouched() throws Exception {
    writeFile("{\"language\": \"en\"}");
    SettingsStore store = store();
    writeFile("{not json");

    assertThatThrownBy(() -> store.update(document -> document.put("language", "fr")))
        .isInstanceOf(LmException.class)
        .hasMessageStartingWith(
            "Settings file " + settingsFile().toAbsolutePath() + " cannot be read (")
        .hasMessageEndingWith("); fix or remove it. Nothing was saved.")
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.CONFLICT);
    assertThat(Files.readString(settingsFile())).isEqualTo("{not json");
    assertThat(store.string("language", "")).isEqualTo("en");
  }

  @Test
  void unreadableFileAtStartMeansDefaultsAndIsReported() throws Exception {
    writeFile("[1, 2]");

    SettingsStore store = store();

    assertThat(store.current().document().isEmpty()).isTrue();
    assertThat(store.startupProblem()).contains("not a JSON object: " + settingsFile());
  }

  @Test
  void failedChangeWritesNothing() throws Exception {
    writeFile("{\"language\": \"en\"}");
    SettingsStore store = store();

    assertThatThrownBy(
            () ->
                store.update(
                    document -> {
                      document.put("language", "fr");
                      throw LmException.badInput("no");
                    }))
        .hasMessage("no");

    assertThat(Files.readString(settingsFile())).isEqualTo("{\"language\": \"en\"}");
    assertThat(store.string("language", "")).isEqualTo("en");
  }

  @Test
  void unwritableFolderIsAClearFailure() throws Exception {
    Path blocker = temp.resolve("blocker");
    Files.writeString(blocker, "a file, not a folder");
    SettingsStore store =
        TestConfig.of(temp.resolve("data"), temp.resolve("models"))
            .withSettingsFile(blocker.resolve("settings.json"))
            .settings();

    assertThatThrownBy(() -> store.update(document -> document.put("language", "fr")))
        .isInstanceOf(LmException.class)
        .hasMessageStartingWith("Cannot save settings to " + blocker.resolve("settings.json"))
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.UNAVAILABLE);
    assertThat(store.current().document().isEmpty()).isTrue();
    assertThat(Files.readString(blocker, StandardCharsets.UTF_8)).isEqualTo("a file, not a folder");
  }

  @Test
  void concurrentUpdatesLoseNothing() throws Exception {
    SettingsStore store = store();
    int threads = 8;
    int perThread = 10;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  int n = i;
                  store.update(document -> document.put("key_" + thread + "_" + n, n));
                }
                return null;
              }));
    }
    start.countDown();
    for (java.util.concurrent.Future<?> future : done) {
      future.get();
    }
    pool.shutdown();

    assertThat(store.current().document().size()).isEqualTo(threads * perThread);
    assertThat(TestConfig.of(temp, temp).withSettingsFile(settingsFile()).settings().snapshot())
        .isEqualTo(store.current().document());
  }

  @Test
  void missingFileIsCreatedWithItsFolderByTheFirstChange() throws Exception {
    SettingsStore store = store();

    store.update(document -> {});
    assertThat(settingsFile().getParent()).doesNotExist();
    store.update(document -> document.put("language", "en"));

    assertThat(Files.readString(settingsFile())).isEqualTo("{\n  \"language\": \"en\"\n}");
  }
}
