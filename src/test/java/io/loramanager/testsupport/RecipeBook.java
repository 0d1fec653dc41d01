package io.loramanager.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;

/**
 * The recipes folder of the test library ({@code <loras>/recipes}, the default location): writes
 * recipe files as a user or another program would, and saves recipes through the API.
 */
public final class RecipeBook {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LibraryFixture library;

  private RecipeBook(LibraryFixture library) {
    this.library = library;
  }

  /** A fresh, empty library and recipe book, the server resynced with both. */
  public static RecipeBook fresh() {
    RecipeBook book = new RecipeBook(TestLibrary.fresh());
    book.rescan();
    return book;
  }

  /** The recipe book of any library, e.g. one a packaged application runs on; nothing rescans. */
  public static RecipeBook over(LibraryFixture library) {
    return new RecipeBook(library);
  }

  public LibraryFixture library() {
    return library;
  }

  public Path root() {
    return library.loras().resolve("recipes");
  }

  /** Resyncs the server's recipe cache with the folder. */
  public void rescan() {
    given().get("/api/lm/recipes/scan").then().statusCode(200);
  }

  /** A minimal valid recipe tree (its media path is set by {@link #write}). */
  public static ObjectNode recipe(String id, String title) {
    ObjectNode recipe = MAPPER.createObjectNode();
    recipe.put("id", id);
    recipe.put("file_path", "");
    recipe.put("title", title);
    recipe.put("modified", 1700000000.5);
    recipe.put("created_date", 1700000000.5);
    recipe.put("base_model", "SDXL 1.0");
    recipe.putArray("loras");
    recipe.putObject("gen_params");
    recipe.put("fingerprint", "");
    return recipe;
  }

  /** Adds a stored LoRA entry. */
  public static ObjectNode lora(ObjectNode recipe, String fileName, String hash, double strength) {
    ArrayNode loras = (ArrayNode) recipe.get("loras");
    ObjectNode lora = loras.addObject();
    lora.put("file_name", fileName);
    lora.put("hash", hash);
    lora.put("strength", strength);
    lora.put("modelVersionId", 0);
    lora.put("modelName", fileName + " model");
    lora.put("modelVersionName", "v1");
    lora.put("isDeleted", false);
    lora.put("exclude", false);
    return lora;
  }

  /** Writes {@code <id>.recipe.json} and a PNG {@code <id>.png} into {@code folder} of the root. */
  public Path write(String folder, ObjectNode recipe) {
    Path dir = folder.isEmpty() ? root() : root().resolve(folder);
    String id = recipe.get("id").asText();
    Path media = dir.resolve(id + ".png");
    LibraryFixture.write(media, LibraryFixture.PNG);
    if (recipe.path("file_path").asText().isEmpty()) {
      recipe.put("file_path", media.toString());
    }
    Path json = dir.resolve(id + ".recipe.json");
    try {
      LibraryFixture.write(json, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(recipe));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return json;
  }

  /** POST /api/lm/recipes/save with a PNG, returning the raw response. */
  public static Response save(String name, String metadata, String tags) {
    var request = given().multiPart("image", "upload.png", LibraryFixture.PNG, "image/png");
    if (name != null) {
      request = request.multiPart("name", name);
    }
    if (metadata != null) {
      request = request.multiPart("metadata", metadata);
    }
    if (tags != null) {
      request = request.multiPart("tags", tags);
    }
    return request.post("/api/lm/recipes/save");
  }

  /** Saves and returns the new recipe id (expects 200). */
  public static String saveOk(String name, String metadata, String tags) {
    return recipeId(save(name, metadata, tags));
  }

  /** The {@code recipe_id} of a save's answer, which must be a 200. */
  public static String recipeId(Response saved) {
    return saved.then().statusCode(200).extract().jsonPath().getString("recipe_id");
  }

  /** POST /api/lm/undo-delete of a delete's batch, returning the raw response. */
  public static Response undo(String batchId) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"batch_id\": \"" + batchId + "\"}")
        .post("/api/lm/undo-delete");
  }

  /** Adds keys this server does not know, as another program might write them. */
  public static ObjectNode withForeignKeys(ObjectNode recipe) {
    recipe.put("x_other_tool", "kept");
    recipe.putObject("x_nested").put("a", 1);
    return recipe;
  }

  /** The keys {@link #withForeignKeys} adds, as read back: {@code "kept",{"a":1}} when kept. */
  public static String foreignKeysOf(ObjectNode stored) {
    return stored.get("x_other_tool") + "," + stored.get("x_nested");
  }

  public Path jsonOf(String id) {
    return root().resolve(id + ".recipe.json");
  }
}
