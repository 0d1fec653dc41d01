package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ComfyUI widget lookups by name: preview-url, civitai-url, get-trigger-words. */
@QuarkusTest
class ModelInfoByNameResourceTest {

  private static final String NO_PREVIEW = "/loras_static/images/no-preview.png";

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private static ObjectNode civitai(ObjectNode sidecar) {
    return sidecar.putObject("civitai");
  }

  @Test
  void previewUrlPointsAtThePreviewsEndpointUrlEncoded() {
    Path model = library.modelWithSidecar(library.loras(), "sub/a&b 50%.safetensors", s -> {});
    library.preview(model, ".webp");
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "a&b 50%").get("/api/lm/loras/preview-url"), 200))
        .isEqualTo(
            map(
                "success",
                true,
                "preview_url",
                "/api/lm/previews?path="
                    + LibraryFixture.slashes(library.loras())
                    + "/sub/a%26b%2050%25.webp"));
  }

  @Test
  void previewUrlFallsBackToNoPreviewWhenTheModelHasNone() {
    library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "x").get("/api/lm/loras/preview-url"), 200))
        .isEqualTo(map("success", true, "preview_url", NO_PREVIEW));
  }

  @Test
  void previewUrlFallsBackToNoPreviewForAnUnknownModel() {
    assertThat(bodyOf(given().queryParam("name", "ghost").get("/api/lm/loras/preview-url"), 200))
        .isEqualTo(map("success", true, "preview_url", NO_PREVIEW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "YES", "on"})
  void previewUrlWithLicenseFlagsAddsTheDefaultFlagsAndIconSetting(String flag) {
    Path model = library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    library.preview(model, ".png");
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given()
                    .queryParam("name", "x")
                    .queryParam("license_flags", flag)
                    .get("/api/lm/loras/preview-url"),
                200))
        .isEqualTo(
            map(
                "success",
                true,
                "preview_url",
                "/api/lm/previews?path=" + LibraryFixture.slashes(library.loras()) + "/x.png",
                "license_flags",
                113,
                "use_new_license_icons",
                false));
  }

  @Test
  void previewUrlLicenseFlagsFollowTheCivitaiLicense() {
    library.modelWithSidecar(
        library.loras(),
        "x.safetensors",
        s -> {
          ObjectNode model = civitai(s).putObject("model");
          model.put("allowNoCredit", false);
          model.putArray("allowCommercialUse").add("Image");
          model.put("allowDerivatives", true);
          model.put("allowDifferentLicense", false);
        });
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given()
                    .queryParam("name", "x")
                    .queryParam("license_flags", "1")
                    .get("/api/lm/loras/preview-url"),
                200))
        .isEqualTo(
            map(
                "success",
                true,
                "preview_url",
                NO_PREVIEW,
                "license_flags",
                34,
                "use_new_license_icons",
                false));
  }

  @Test
  void previewUrlWithLicenseFlagsOffAddsNothing() {
    library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given()
                    .queryParam("name", "x")
                    .queryParam("license_flags", "0")
                    .get("/api/lm/loras/preview-url"),
                200))
        .isEqualTo(map("success", true, "preview_url", NO_PREVIEW));
  }

  @Test
  void previewUrlWithoutNameIs400() {
    assertError(given().get("/api/lm/loras/preview-url"), 400, "name is required");
  }

  @Test
  void civitaiUrlLinksTheModelVersionWithIdsAsStrings() {
    library.modelWithSidecar(
        library.loras(), "x.safetensors", s -> civitai(s).put("id", 222).put("modelId", 111));
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "x").get("/api/lm/loras/civitai-url"), 200))
        .isEqualTo(
            map(
                "success", true,
                "civitai_url", "https://civitai.com/models/111?modelVersionId=222",
                "model_id", "111",
                "version_id", "222"));
  }

  @Test
  void civitaiUrlWithoutVersionIdLinksTheModel() {
    library.modelWithSidecar(
        library.checkpoints(), "x.safetensors", s -> civitai(s).put("modelId", 7));
    TestLibrary.scan("checkpoints");

    assertThat(bodyOf(given().queryParam("name", "x").get("/api/lm/checkpoints/civitai-url"), 200))
        .isEqualTo(
            map(
                "success",
                true,
                "civitai_url",
                "https://civitai.com/models/7",
                "model_id",
                "7",
                "version_id",
                null));
  }

  @Test
  void civitaiUrlOfAModelWithoutCivitaiIsAllNull() {
    library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "x").get("/api/lm/loras/civitai-url"), 200))
        .isEqualTo(map("success", true, "civitai_url", null, "model_id", null, "version_id", null));
  }

  @Test
  void civitaiUrlOfAnUnknownModelIs404() {
    assertError(
        given().queryParam("name", "ghost").get("/api/lm/embeddings/civitai-url"),
        404,
        "Embedding not found: ghost");
  }

  @Test
  void civitaiUrlWithoutNameIs400() {
    assertError(given().get("/api/lm/loras/civitai-url"), 400, "name is required");
  }

  @Test
  void triggerWordsComeFromCivitaiTrainedWords() {
    library.modelWithSidecar(
        library.loras(),
        "x.safetensors",
        s -> civitai(s).put("id", 1).putArray("trainedWords").add("sks").add("red hair"));
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "x").get("/api/lm/loras/get-trigger-words"), 200))
        .isEqualTo(map("success", true, "trigger_words", List.of("sks", "red hair")));
  }

  @Test
  void triggerWordsOfAModelWithoutCivitaiAreEmpty() {
    library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "x").get("/api/lm/loras/get-trigger-words"), 200))
        .isEqualTo(map("success", true, "trigger_words", List.of()));
  }

  @Test
  void triggerWordsOfAnUnknownModelAreEmpty() {
    assertThat(
            bodyOf(given().queryParam("name", "ghost").get("/api/lm/loras/get-trigger-words"), 200))
        .isEqualTo(map("success", true, "trigger_words", List.of()));
  }

  @Test
  void triggerWordsWithoutNameAre400() {
    assertError(given().get("/api/lm/loras/get-trigger-words"), 400, "name is required");
  }
}
