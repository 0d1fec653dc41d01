package io.loramanager.civitai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.LogCapture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Civitai fault of the issue through fetch-civitai: the status and message a person sees, the
 * retries made, and the sidecar left exactly as it was.
 */
@QuarkusTest
class CivitaiFaultsFlowTest {

  private static final String KEY = "test-secret-key-4f7a";

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  private Path model;
  private String sha256;
  private byte[] sidecarBefore;

  @BeforeEach
  void inkLora() {
    civitai.resetAll();
    cdn.resetAll();
    LibraryFixture library = TestLibrary.fresh();
    model = library.modelWithSidecar(library.loras(), "ink.safetensors", s -> s.put("x", 1));
    sha256 = LibraryFixture.sha256(LibraryFixture.read(model));
    TestLibrary.scan("loras");
    sidecarBefore = LibraryFixture.read(LibraryFixture.sidecarOf(model));
    CivitaiFixtures.stubModel(civitai, cdn, sha256);
    CivitaiFixtures.stubImages(cdn);
  }

  private String byHashPath() {
    return API + "/model-versions/by-hash/" + sha256;
  }

  private void byHashAnswers(ResponseDefinitionBuilder... answers) {
    for (int i = 0; i < answers.length; i++) {
      civitai.stubFor(
          get(urlPathEqualTo(byHashPath()))
              .inScenario("by-hash")
              .whenScenarioStateIs(i == 0 ? STARTED : "answer " + i)
              .willReturn(answers[i])
              .willSetStateTo("answer " + (i + 1)));
    }
  }

  private Response fetch() {
    return LibraryRequests.post(
        "/api/lm/loras/fetch-civitai", Map.of("file_path", LibraryFixture.slashes(model)));
  }

  private List<LoggedRequest> byHashRequests() {
    return civitai.findAll(getRequestedFor(urlPathEqualTo(byHashPath())));
  }

  private void assertSidecarUntouched() {
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(sidecarBefore);
  }

  @Test
  void unauthorizedTellsTheUserAboutTheKeyWhichNeverAppearsInLogsOrResponses() {
    List<String> logged;
    try (LogCapture logs = LogCapture.start()) {
      byHashAnswers(aResponse().withStatus(401).withBody("{\"error\":\"Unauthorized\"}"));

      Response response = fetch();

      assertError(
          response,
          401,
          "Civitai refused the request (401 Unauthorized): the Civitai API key is missing or"
              + " invalid. Set civitai_api_key in settings.json or LM_CIVITAI_API_KEY");
      assertThat(response.asString()).doesNotContain(KEY);
      CivitaiFixtures.stubFound(civitai, cdn, sha256);
      fetch().then().statusCode(200);
      logged = logs.lines();
    }
    assertThat(logged)
        .anyMatch(line -> line.contains("401 Unauthorized"))
        .noneMatch(line -> line.contains(KEY));
    assertThat(byHashRequests()).hasSize(2);
  }

  @Test
  void forbiddenIs403() {
    byHashAnswers(aResponse().withStatus(403));
    assertError(
        fetch(),
        403,
        "Civitai refused access to the model version with hash " + sha256 + " (403 Forbidden)");
    assertSidecarUntouched();
  }

  @Test
  void rateLimitIsRetriedAfterTheRequestedWait() {
    byHashAnswers(
        aResponse().withStatus(429).withHeader("Retry-After", "1"),
        okJson(CivitaiFixtures.version(sha256, cdn)));

    fetch().then().statusCode(200);

    List<LoggedRequest> requests = byHashRequests();
    assertThat(requests).hasSize(2);
    long waited =
        requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
    assertThat(waited).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void longRateLimitFailsAtOnceWithTheWait() {
    byHashAnswers(aResponse().withStatus(429).withHeader("Retry-After", "600"));

    Response response = fetch();

    assertError(response, 429, "Rate limited by Civitai; retry after approximately 600 s");
    assertThat(response.header("Retry-After")).isEqualTo("600");
    assertThat(byHashRequests()).hasSize(1);
    assertSidecarUntouched();
  }

  @Test
  void rateLimitWithAnHttpDateIsUnderstood() {
    String inAnHour =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3600));
    byHashAnswers(aResponse().withStatus(429).withHeader("Retry-After", inAnHour));

    Response response = fetch();

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.jsonPath().getString("error"))
        .matches("Rate limited by Civitai; retry after approximately 3(59[89]|600) s");
    assertThat(byHashRequests()).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedUntilAnAnswerComes() {
    byHashAnswers(
        aResponse().withStatus(500),
        aResponse().withStatus(502),
        okJson(CivitaiFixtures.version(sha256, cdn)));

    fetch().then().statusCode(200);

    assertThat(byHashRequests()).hasSize(3);
  }

  @Test
  void persistentServerErrorsGiveAClearErrorAfterTheRetries() {
    civitai.stubFor(get(urlPathEqualTo(byHashPath())).willReturn(aResponse().withStatus(503)));

    assertError(
        fetch(),
        502,
        "Civitai request for the model version with hash " + sha256 + " failed with status 503");
    assertThat(byHashRequests()).hasSize(3);
    assertSidecarUntouched();
  }

  @Test
  void connectionResetsAreRetriedThenReported() {
    civitai.stubFor(
        get(urlPathEqualTo(byHashPath()))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Response response = fetch();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.jsonPath().getString("error"))
        .startsWith("Civitai request for the model version with hash " + sha256 + " failed: ");
    assertThat(byHashRequests()).hasSize(3);
    assertSidecarUntouched();
  }

  @Test
  void resetOnceThenAnswerSucceeds() {
    byHashAnswers(
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        okJson(CivitaiFixtures.version(sha256, cdn)));

    fetch().then().statusCode(200);

    assertThat(byHashRequests()).hasSize(2);
  }

  @Test
  void truncatedJsonNamesTheFieldAndLeavesTheSidecar() {
    String full = CivitaiFixtures.version(sha256, cdn);
    String truncated = full.substring(0, full.indexOf("\"SHA256\"") + 12);
    civitai.stubFor(get(urlPathEqualTo(byHashPath())).willReturn(okJson(truncated)));

    Response response = fetch();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.jsonPath().getString("error"))
        .startsWith(
            "Civitai returned malformed data for the model version with hash "
                + sha256
                + ": invalid JSON in field 'files.0.hashes.SHA256'");
    assertThat(byHashRequests()).hasSize(1);
    assertSidecarUntouched();
  }

  @Test
  void wrongFieldTypeNamesTheField() {
    civitai.stubFor(
        get(urlPathEqualTo(byHashPath()))
            .willReturn(okJson("{\"id\": 130072, \"modelId\": 110012, \"files\": \"none\"}")));

    assertError(
        fetch(),
        502,
        "Civitai returned malformed data for the model version with hash "
            + sha256
            + ": field 'files' should be an array, got \"none\"");
    assertSidecarUntouched();
  }

  @Test
  void missingVersionIdIsMalformed() {
    civitai.stubFor(
        get(urlPathEqualTo(byHashPath())).willReturn(okJson("{\"name\": \"v1\", \"files\": []}")));

    assertError(
        fetch(),
        502,
        "Civitai returned malformed data for the model version with hash "
            + sha256
            + ": field 'id' is missing");
    assertSidecarUntouched();
  }

  @Test
  void aPreviewThatCannotBeFetchedDoesNotFailTheFetch() {
    CivitaiFixtures.stubFound(civitai, cdn, sha256);
    cdn.resetAll();
    cdn.stubFor(get("/img/safe.png").willReturn(aResponse().withStatus(500)));

    Response response = fetch();

    response.then().statusCode(200);
    assertThat(response.jsonPath().getString("metadata.preview_url")).isEmpty();
    assertThat(model.resolveSibling("ink.png")).doesNotExist();
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(model)).get("preview_url").asText())
        .isEmpty();
  }
}
