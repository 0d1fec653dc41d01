package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.loramanager.testsupport.ApiAssertions.successList;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Count facets: base-models, model-types and the LoRA letter bar. */
@QuarkusTest
class ModelFacetsCountsResourceTest {

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private void lora(String relativePath, String baseModel) {
    library.modelWithSidecar(library.loras(), relativePath, s -> s.put("base_model", baseModel));
  }

  /** LoRAs m01..m22 with base models "base 01".."base 22", one each. */
  private void twentyTwoBaseModels() {
    for (int i = 1; i <= 22; i++) {
      lora(String.format("m%02d.safetensors", i), String.format("base %02d", i));
    }
    TestLibrary.scan("loras");
  }

  /** {@code [{name: "base <from>", count: 1}, ..., {name: "base <to>", count: 1}]}. */
  private static List<Map<String, Object>> baseCounts(int from, int to) {
    List<Map<String, Object>> counts = new java.util.ArrayList<>();
    for (int i = from; i <= to; i++) {
      counts.add(map("name", String.format("base %02d", i), "count", 1));
    }
    return counts;
  }

  @Test
  void baseModelsAreCountedByCountSkippingEmptyOnes() {
    lora("a.safetensors", "SDXL 1.0");
    lora("b.safetensors", "SD 1.5");
    lora("c.safetensors", "SDXL 1.0");
    lora("d.safetensors", "");
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/base-models", "base_models"))
        .isEqualTo(List.of(map("name", "SDXL 1.0", "count", 2), map("name", "SD 1.5", "count", 1)));
  }

  @Test
  void baseModelsLimitCutsTheList() {
    twentyTwoBaseModels();

    assertThat(successList("/api/lm/loras/base-models?limit=1", "base_models"))
        .isEqualTo(List.of(map("name", "base 01", "count", 1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "100"})
  void baseModelsLimitZeroOr100ReturnsAll(String limit) {
    twentyTwoBaseModels();

    assertThat(successList("/api/lm/loras/base-models?limit=" + limit, "base_models"))
        .isEqualTo(baseCounts(1, 22));
  }

  @ParameterizedTest
  @ValueSource(strings = {"101", "-1", ""})
  void baseModelsLimitAbove100OrNegativeOrAbsentServes20(String limit) {
    twentyTwoBaseModels();

    assertThat(successList("/api/lm/loras/base-models?limit=" + limit, "base_models"))
        .isEqualTo(baseCounts(1, 20));
  }

  @Test
  void baseModelsRejectsNonNumericLimit() {
    assertError(
        given().get("/api/lm/loras/base-models?limit=all"),
        400,
        "Invalid limit: 'all' is not a whole number");
  }

  @Test
  void loraModelTypesKeepLoraLoconAndDoraFromCivitai() {
    String[][] types = {{"a", "LORA"}, {"b", "LoCon"}, {"c", "DoRA"}, {"d", "LoCon"}};
    for (String[] t : types) {
      library.modelWithSidecar(
          library.loras(),
          t[0] + ".safetensors",
          s -> s.putObject("civitai").put("id", 1).putObject("model").put("type", t[1]));
    }
    library.modelWithSidecar(
        library.loras(),
        "e.safetensors",
        s -> s.putObject("civitai").put("id", 2).putObject("model").put("type", "Poses"));
    library.modelWithSidecar(library.loras(), "f.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/model-types", "model_types"))
        .isEqualTo(
            List.of(
                map("type", "lora", "count", 2),
                map("type", "locon", "count", 2),
                map("type", "dora", "count", 1)));
  }

  @Test
  void checkpointModelTypesFollowTheRootTheFileIsUnder() {
    library.modelWithSidecar(library.checkpoints(), "a.safetensors", s -> {});
    library.modelWithSidecar(library.diffusionModels(), "b.safetensors", s -> {});
    library.modelWithSidecar(library.diffusionModels(), "sub/c.gguf", s -> {});
    TestLibrary.scan("checkpoints");

    assertThat(successList("/api/lm/checkpoints/model-types", "model_types"))
        .isEqualTo(
            List.of(
                map("type", "diffusion_model", "count", 2), map("type", "checkpoint", "count", 1)));
  }

  @Test
  void modelTypesLimitOneKeepsTheTopAndZeroFallsBackTo20() {
    library.modelWithSidecar(library.checkpoints(), "a.safetensors", s -> {});
    library.modelWithSidecar(library.diffusionModels(), "b.safetensors", s -> {});
    library.modelWithSidecar(library.diffusionModels(), "c.safetensors", s -> {});
    TestLibrary.scan("checkpoints");

    assertThat(successList("/api/lm/checkpoints/model-types?limit=1", "model_types"))
        .isEqualTo(List.of(map("type", "diffusion_model", "count", 2)));
    assertThat(successList("/api/lm/checkpoints/model-types?limit=0", "model_types")).hasSize(2);
  }

  @Test
  void modelTypesRejectsNonNumericLimit() {
    assertError(
        given().get("/api/lm/checkpoints/model-types?limit=1.5"),
        400,
        "Invalid limit: '1.5' is not a whole number");
  }

  @Test
  void letterCountsBucketDigitsSymbolsCjkAndLetters() {
    String[][] names = {
      {"a", "1girl"}, {"b", "_under"}, {"c", "漢字"}, {"d", "alpha"}, {"e", "Apple"}, {"f", "beta"}
    };
    for (String[] n : names) {
      library.modelWithSidecar(
          library.loras(), n[0] + ".safetensors", s -> s.put("model_name", n[1]));
    }
    TestLibrary.scan("loras");

    given()
        .get("/api/lm/loras/letter-counts")
        .then()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("letter_counts", equalTo(map("#", 1, "@", 1, "A", 2, "B", 1, "漢", 1)));
  }

  @Test
  void letterCountsOfAnEmptyLibraryIsEmpty() {
    given()
        .get("/api/lm/loras/letter-counts")
        .then()
        .statusCode(200)
        .body("letter_counts", equalTo(Map.of()));
  }
}
