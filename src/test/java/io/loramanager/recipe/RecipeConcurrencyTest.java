package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Saves, edits, deletes and reads at once over HTTP: no update is lost, no row is corrupt, the
 * files, SQLite, the search index and the catalogue agree afterwards, and no reader fails.
 */
@QuarkusTest
class RecipeConcurrencyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Database database;
  @Inject RecipeCatalog catalog;

  @Test
  void concurrentSavesUpdatesDeletesAndReadsLoseNothing() throws Exception {
    RecipeBook book = RecipeBook.fresh();
    String shared = RecipeBook.saveOk("Shared", "{}", null);
    List<String> doomed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      doomed.add(RecipeBook.saveOk("Doomed " + i, "{}", null));
    }
    ExecutorService pool = Executors.newFixedThreadPool(12);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> readerFailures = new ConcurrentLinkedQueue<>();
    List<Future<?>> writers = new ArrayList<>();
    Map<String, String> edits =
        Map.of(
            "title", "\"Edited title\"",
            "base_model", "\"Flux.1 D\"",
            "source_path", "\"https://civitai.com/images/77\"",
            "favorite", "true",
            "tags", "[\"t1\",\"t2\"]",
            "preview_nsfw_level", "2",
            "gen_params", "{\"prompt\":\"edited prompt\"}");
    for (Map.Entry<String, String> edit : edits.entrySet()) {
      writers.add(
          pool.submit(
              () -> {
                await(start);
                given()
                    .contentType(ContentType.JSON)
                    .body("{\"" + edit.getKey() + "\": " + edit.getValue() + "}")
                    .put("/api/lm/recipe/" + shared + "/update")
                    .then()
                    .statusCode(200);
              }));
    }
    for (int i = 0; i < 6; i++) {
      int n = i;
      writers.add(
          pool.submit(
              () -> {
                await(start);
                RecipeBook.saveOk(
                    "New " + n, "{\"gen_params\":{\"prompt\":\"fresh" + n + "\"}}", null);
              }));
      writers.add(
          pool.submit(
              () -> {
                await(start);
                given().delete("/api/lm/recipe/" + doomed.get(n)).then().statusCode(200);
              }));
    }
    List<Future<?>> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      readers.add(
          pool.submit(
              () -> {
                await(start);
                while (writing.get()) {
                  int status = given().get("/api/lm/recipes?page_size=100").statusCode();
                  int search = given().get("/api/lm/recipes?search=new").statusCode();
                  if (status != 200 || search != 200) {
                    readerFailures.add(status + "/" + search);
                  }
                }
              }));
    }
    start.countDown();
    for (Future<?> writer : writers) {
      writer.get(60, TimeUnit.SECONDS);
    }
    writing.set(false);
    for (Future<?> reader : readers) {
      reader.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(readerFailures).isEmpty();
    ObjectNode file = LibraryFixture.readJson(book.jsonOf(shared));
    for (Map.Entry<String, String> edit : edits.entrySet()) {
      assertThat(file.get(edit.getKey())).isEqualTo(JSON.readTree(edit.getValue()));
    }
    Map<String, String> rows = storedRows();
    assertThat(rows).hasSize(7);
    assertThat(catalog.snapshot().size()).isEqualTo(7);
    for (Map.Entry<String, String> row : rows.entrySet()) {
      // Every row is the file as it is on disk now.
      assertThat(JSON.readTree(row.getValue()))
          .isEqualTo(LibraryFixture.readJson(book.jsonOf(row.getKey())));
    }
    assertThat(new RecipeRows(database).indexSize()).isEqualTo(7);
    given()
        .get("/api/lm/recipes?search=fresh")
        .then()
        .body("total", org.hamcrest.Matchers.equalTo(6));
    for (String id : doomed) {
      assertThat(book.jsonOf(id)).doesNotExist();
    }
  }

  private Map<String, String> storedRows() {
    return database.read(
        c -> {
          Map<String, String> out = new TreeMap<>();
          try (PreparedStatement s = c.prepareStatement("SELECT recipe_id, json FROM recipes");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.put(r.getString(1), r.getString(2));
            }
          }
          return out;
        });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
