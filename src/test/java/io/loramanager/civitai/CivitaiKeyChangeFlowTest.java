package io.loramanager.civitai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.LogCapture;
import io.loramanager.testsupport.SettingsBackup;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Civitai key posted to the settings is the one the very next Civitai request carries. */
@QuarkusTest
class CivitaiKeyChangeFlowTest {

  private static final String NEW_KEY = "rotated-key-7d31b0e5";

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  private SettingsBackup backup;
  private Path model;
  private String sha256;

  @BeforeEach
  void inkLora() {
    civitai.resetAll();
    cdn.resetAll();
    TestLibrary.awaitReady();
    backup = SettingsBackup.take();
    LibraryFixture library = TestLibrary.fresh();
    model = library.modelWithSidecar(library.loras(), "ink.safetensors", s -> s.put("x", 1));
    sha256 = LibraryFixture.sha256(LibraryFixture.read(model));
    TestLibrary.scan("loras");
    CivitaiFixtures.stubFound(civitai, cdn, sha256);
    // One 503 first: the retry is logged, so the log is known to be captured and checked.
    civitai.stubFor(
        get(urlPathEqualTo(byHashPath()))
            .inScenario("retry")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("retried"));
    civitai.stubFor(
        get(urlPathEqualTo(byHashPath()))
            .inScenario("retry")
            .whenScenarioStateIs("retried")
            .willReturn(okJson(CivitaiFixtures.version(sha256, cdn))));
  }

  private String byHashPath() {
    return API + "/model-versions/by-hash/" + sha256;
  }

  @AfterEach
  void restore() {
    backup.restore();
  }

  @Test
  void aPostedKeyIsSentOnTheNextRequestAndNeverShownOrLogged() {
    List<String> logged;
    String posted;
    String fetched;
    String shown;
    try (LogCapture logs = LogCapture.start()) {
      posted =
          LibraryRequests.post("/api/lm/settings", Map.of("civitai_api_key", NEW_KEY))
              .then()
              .statusCode(200)
              .extract()
              .asString();
      Response fetch =
          LibraryRequests.post(
              "/api/lm/loras/fetch-civitai", Map.of("file_path", LibraryFixture.slashes(model)));
      fetch.then().statusCode(200);
      fetched = fetch.asString();
      shown = given().get("/api/lm/settings").then().statusCode(200).extract().asString();
      logged = logs.lines();
    }

    civitai.verify(
        2,
        getRequestedFor(urlPathEqualTo(byHashPath()))
            .withHeader("Authorization", equalTo("Bearer " + NEW_KEY)));
    assertThat(civitai.findAll(anyRequestedFor(anyUrl())))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + NEW_KEY));
    assertThat(posted).isEqualTo("{\"success\":true}");
    assertThat(fetched).doesNotContain(NEW_KEY);
    assertThat(shown).doesNotContain(NEW_KEY);
    assertThat(JsonPath.from(shown).getBoolean("settings.civitai_api_key_set")).isTrue();
    assertThat(JsonPath.from(shown).getString("settings.civitai_api_key")).isNull();
    assertThat(logged)
        .anyMatch(line -> line.startsWith("Civitai request failed; attempt 2 of"))
        .noneMatch(line -> line.contains(NEW_KEY));
    assertThat(SettingsBackup.read().get("civitai_api_key").asText()).isEqualTo(NEW_KEY);
  }
}
