package io.loramanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PackagedApp;
import io.loramanager.testsupport.RecipeBook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe files are the record and SQLite only their cache (DESIGN §4), seen from outside: the
 * packaged application is restarted over recipe files changed while it was stopped, and over a
 * deleted database.
 */
class RecipeRestartIT {

  private static final String DATABASE = "lora-manager.db";

  @TempDir Path dir;

  private RecipeBook book;
  private Path data;
  private PackagedApp app;

  @BeforeEach
  void folders() throws IOException {
    book = RecipeBook.over(new LibraryFixture(dir.resolve("models")).reset());
    data = Files.createDirectories(dir.resolve("data"));
  }

  @AfterEach
  void stopApp() {
    stop();
  }

  @Test
  void listAndSearchShowExactlyTheRecipeFilesAfterRestartsAndWithoutADatabase() throws IOException {
    start();
    String lake = save("Lake at dawn", "still water");
    String birch = save("Birch forest", "white trunks");
    String reef = save("Coral reef", "bright fish");
    stop();

    ObjectNode edited = LibraryFixture.readJson(book.jsonOf(lake));
    edited.put("title", "Meadow at dusk");
    LibraryFixture.write(book.jsonOf(lake), edited.toString().getBytes());
    Files.delete(book.jsonOf(birch));
    Files.delete(book.root().resolve(birch + ".png"));
    ObjectNode dune = RecipeBook.recipe("dune", "Dune sea");
    dune.putObject("gen_params").put("prompt", "sand waves");
    book.write("", dune);
    start();

    List<String> expected =
        List.of(reef + "=Coral reef", "dune=Dune sea", lake + "=Meadow at dusk");
    assertThat(titles(page(""))).isEqualTo(expected);
    assertThat(ids(page("&search=meadow"))).containsExactly(lake);
    assertThat(ids(page("&search=lake"))).isEmpty();
    assertThat(ids(page("&search=trunks"))).isEmpty();
    assertThat(ids(page("&search=sand"))).containsExactly("dune");
    assertThat(ids(page("&search=fish"))).containsExactly(reef);
    Map<String, Object> before = page("");
    stop();

    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(data.resolve(DATABASE + suffix));
    }
    start();

    assertThat(page("")).isEqualTo(before);
    assertThat(ids(page("&search=meadow"))).containsExactly(lake);
    assertThat(ids(page("&search=sand"))).containsExactly("dune");
    assertThat(data.resolve(DATABASE)).isRegularFile();
  }

  private void start() {
    app = PackagedApp.start(book.library().dir(), data, dir.resolve("app.log"));
    // Recipe endpoints answer 503 until the book is loaded in the background.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> app.http().get("/api/lm/recipes").statusCode() == 200);
  }

  private void stop() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  private String save(String name, String prompt) {
    return RecipeBook.recipeId(
        app.http()
            .multiPart("image", "upload.png", LibraryFixture.PNG, "image/png")
            .multiPart("name", name)
            .multiPart("metadata", "{\"gen_params\": {\"prompt\": \"" + prompt + "\"}}")
            .post("/api/lm/recipes/save"));
  }

  /** The recipe list sorted by name, with extra query parameters. */
  private Map<String, Object> page(String query) {
    return app.getJson("/api/lm/recipes?sort_by=name&page_size=100" + query);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  private static List<Object> ids(Map<String, Object> page) {
    return items(page).stream().map(i -> i.get("id")).toList();
  }

  private static List<String> titles(Map<String, Object> page) {
    return items(page).stream().map(i -> i.get("id") + "=" + i.get("title")).toList();
  }
}
