package io.loramanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PackagedApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files are the record and the database only a cache (DESIGN §4), seen from outside: the
 * packaged application is started, stopped and started again over the same folders while the
 * library and the database file are changed between runs.
 */
class LibraryRestartIT {

  private static final String DATABASE = "lora-manager.db";
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private LibraryFixture library;
  private Path data;
  private PackagedApp app;

  @BeforeEach
  void folders() throws IOException {
    library = new LibraryFixture(dir.resolve("models")).reset();
    data = Files.createDirectories(dir.resolve("data"));
  }

  @AfterEach
  void stopApp() {
    stop();
  }

  @Test
  void firstStartWithoutDatabaseCataloguesTheLibraryAndWritesSidecars() {
    Path alpha = library.model(library.loras(), "Alpha.safetensors", bytes("alpha weights"));
    Path bravo = library.model(library.loras(), "styles/Bravo.safetensors", bytes("bravo weights"));
    Path charlie = library.model(library.embeddings(), "Charlie.pt", bytes("charlie weights"));
    assertThat(data.resolve(DATABASE)).doesNotExist();

    start();

    Map<String, Object> loras = page("loras");
    assertThat(loras.get("total")).isEqualTo(2);
    assertThat(column(loras, "file_name")).containsExactly("Alpha", "Bravo");
    assertThat(column(loras, "sha256"))
        .containsExactly(sha256("alpha weights"), sha256("bravo weights"));
    Map<String, Object> embeddings = page("embeddings");
    assertThat(embeddings.get("total")).isEqualTo(1);
    assertThat(column(embeddings, "sha256")).containsExactly(sha256("charlie weights"));
    assertSidecar(alpha, "alpha weights");
    assertSidecar(bravo, "bravo weights");
    assertSidecar(charlie, "charlie weights");
    assertThat(data.resolve(DATABASE)).isRegularFile();
  }

  @Test
  void restartReconcilesFilesAddedEditedAndDeletedWhileStopped() throws IOException {
    library.model(library.loras(), "Keep.safetensors", bytes("keep weights"));
    Path edited = library.model(library.loras(), "Edited.safetensors", bytes("edited weights"));
    Path gone = library.model(library.loras(), "Gone.safetensors", bytes("gone weights"));
    start();
    assertThat(names(page("loras"))).containsExactly("Edited=Edited", "Gone=Gone", "Keep=Keep");
    stop();

    library.model(library.loras(), "Added.safetensors", bytes("added weights"));
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(edited));
    sidecar.put("model_name", "Edited by hand");
    library.writeSidecar(edited, sidecar);
    Files.delete(gone);
    Files.delete(LibraryFixture.sidecarOf(gone));
    start();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(names(page("loras")))
                    .containsExactly("Added=Added", "Edited=Edited by hand", "Keep=Keep"));
    Map<String, Object> loras = page("loras");
    assertThat(loras.get("total")).isEqualTo(3);
    assertThat(column(loras, "sha256"))
        .containsExactly(sha256("added weights"), sha256("edited weights"), sha256("keep weights"));
  }

  @Test
  void deletedDatabaseIsRebuiltFromTheFilesWithNothingLost() throws IOException {
    userLibrary();
    start();
    Map<String, Object> before = catalogue();
    assertIsTheUserLibrary(before);
    stop();

    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(data.resolve(DATABASE + suffix));
    }
    start();

    assertThat(catalogue()).isEqualTo(before);
    assertThat(header(data.resolve(DATABASE))).isEqualTo(SQLITE_HEADER);
  }

  @Test
  void corruptDatabaseIsSetAsideAndRebuiltWithNothingLost() throws IOException {
    userLibrary();
    start();
    Map<String, Object> before = catalogue();
    assertIsTheUserLibrary(before);
    stop();

    byte[] garbage = bytes("this is not a database\n".repeat(200));
    Files.write(data.resolve(DATABASE), garbage);
    start();

    assertThat(catalogue()).isEqualTo(before);
    assertThat(header(data.resolve(DATABASE))).isEqualTo(SQLITE_HEADER);
    List<Path> setAside;
    try (Stream<Path> files = Files.list(data)) {
      setAside =
          files
              .filter(f -> f.getFileName().toString().matches("lora-manager\\.db\\.corrupt-\\d+"))
              .toList();
    }
    assertThat(setAside).hasSize(1);
    assertThat(setAside.get(0)).hasBinaryContent(garbage);
  }

  /** Models whose sidecars carry what a user set by hand, plus one the first start hashes. */
  private void userLibrary() {
    library.modelWithSidecar(
        library.loras(),
        "characters/Alice.safetensors",
        s -> {
          s.put("model_name", "Alice (anime)");
          s.put("favorite", true);
          s.put("notes", "best at 0.8");
          s.put("usage_tips", "{\"strength\":0.8}");
          s.putArray("tags").add("character");
          s.putObject("civitai").put("id", 11).put("modelId", 22).put("name", "v1");
        });
    library.modelWithSidecar(library.loras(), "Hidden.safetensors", s -> s.put("exclude", true));
    library.model(library.loras(), "Plain.safetensors", bytes("plain weights"));
    library.modelWithSidecar(
        library.embeddings(), "Negative.pt", s -> s.putArray("tags").add("negative"));
  }

  @SuppressWarnings("unchecked")
  private static void assertIsTheUserLibrary(Map<String, Object> catalogue) {
    assertThat(names((Map<String, Object>) catalogue.get("loras")))
        .containsExactly("Alice=Alice (anime)", "Plain=Plain");
    assertThat(names((Map<String, Object>) catalogue.get("excluded")))
        .containsExactly("Hidden=Hidden");
    assertThat(names((Map<String, Object>) catalogue.get("embeddings")))
        .containsExactly("Negative=Negative");
  }

  private void start() {
    app = PackagedApp.start(library.dir(), data, dir.resolve("app.log"));
  }

  private void stop() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  /** Every page a client sees of the library: LoRAs, excluded LoRAs, embeddings. */
  private Map<String, Object> catalogue() {
    Map<String, Object> pages =
        Map.of(
            "loras", page("loras"),
            "excluded", page("loras", "excluded"),
            "embeddings", page("embeddings"));
    return pages;
  }

  private Map<String, Object> page(String type) {
    return page(type, "list");
  }

  private Map<String, Object> page(String type, String view) {
    return app.getJson("/api/lm/" + type + "/" + view + "?page_size=100");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> column(Map<String, Object> page, String key) {
    return ((List<Map<String, Object>>) page.get("items")).stream().map(i -> i.get(key)).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Map<String, Object> page) {
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(i -> i.get("file_name") + "=" + i.get("model_name")).toList();
  }

  private static void assertSidecar(Path model, String content) {
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("sha256").asText()).isEqualTo(sha256(content));
    assertThat(sidecar.get("hash_status").asText()).isEqualTo("completed");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(model));
    assertThat(sidecar.get("size").asLong()).isEqualTo(content.length());
  }

  private static byte[] header(Path database) throws IOException {
    return Arrays.copyOf(Files.readAllBytes(database), SQLITE_HEADER.length);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(String content) {
    return LibraryFixture.sha256(bytes(content));
  }
}
