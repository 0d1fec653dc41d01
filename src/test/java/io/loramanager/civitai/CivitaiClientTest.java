package io.loramanager.civitai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.outbound.AllowedHosts;
import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.JsonFiles;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.OutboundStubs;
import io.loramanager.testsupport.TestConfig;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's own rules: where the key comes from and where it goes, the shared offline state, the
 * version cache.
 */
@QuarkusTest
class CivitaiClientTest {

  private static final String HASH = "ab".repeat(32);

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @Inject LmConfig config;
  @Inject AllowedHosts hosts;
  @Inject RequestPacer pacer;
  @Inject CivitaiConnectivity connectivity;
  @Inject JsonFiles json;
  @Inject CivitaiClient client;

  @TempDir Path temp;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
  }

  private CivitaiClient clientWith(URI base, SettingsStore settings) {
    return new CivitaiClient(config.civitai(), base, settings, hosts, pacer, connectivity, json);
  }

  private SettingsStore settingsWithKey(String key) throws IOException {
    Path file = temp.resolve("settings.json");
    Files.writeString(
        file, "{\"civitai_api_key\": \"" + key + "\", \"other\": 1}", StandardCharsets.UTF_8);
    return TestConfig.of(temp, temp).withSettingsFile(file).settings();
  }

  @Test
  void theKeyOfTheSettingsFileWinsOverTheConfiguredOne() throws IOException {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/by-hash/" + HASH))
            .willReturn(okJson(CivitaiFixtures.version(HASH, cdn))));
    CivitaiFixtures.stubModel(civitai, cdn, HASH);
    CivitaiClient withSettings =
        clientWith(config.civitai().apiUrl(), settingsWithKey("settings-key-9c1d"));

    withSettings.versionByHash(HASH);

    civitai.verify(
        getRequestedFor(urlPathEqualTo(API + "/model-versions/by-hash/" + HASH))
            .withHeader("Authorization", equalTo("Bearer settings-key-9c1d")));
    civitai.verify(
        getRequestedFor(urlPathEqualTo(API + "/models/" + CivitaiFixtures.MODEL_ID))
            .withHeader("Authorization", equalTo("Bearer settings-key-9c1d")));
  }

  @Test
  void theKeyIsNotSentToAHostThatIsNotCivitai() throws IOException {
    cdn.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + CivitaiFixtures.VERSION_ID))
            .willReturn(okJson(CivitaiFixtures.version(HASH, cdn))));
    URI mirror = URI.create(CivitaiFixtures.cdnBase(cdn) + API);
    CivitaiClient toMirror = clientWith(mirror, settingsWithKey("settings-key-9c1d"));

    assertThat(toMirror.version(CivitaiFixtures.VERSION_ID).get("id").asLong())
        .isEqualTo(CivitaiFixtures.VERSION_ID);

    cdn.verify(
        getRequestedFor(urlPathEqualTo(API + "/model-versions/" + CivitaiFixtures.VERSION_ID))
            .withoutHeader("Authorization"));
    assertThat(OutboundStubs.CDN_HOST).isNotEqualTo(config.civitai().apiUrl().getHost());
  }

  @Test
  void versionLookupsAreCachedWhenTheySucceedOnly() {
    long id = 555001;
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + id))
            .inScenario("cache")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404))
            .willSetStateTo("published"));
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + id))
            .inScenario("cache")
            .whenScenarioStateIs("published")
            .willReturn(okJson("{\"id\": " + id + ", \"modelId\": 7, \"name\": \"v1\"}")));

    assertThatThrownBy(() -> client.version(id))
        .isInstanceOfSatisfying(
            CivitaiFailure.class,
            e -> assertThat(e.reason()).isEqualTo(CivitaiFailure.Reason.NOT_FOUND));
    assertThat(client.version(id).get("name").asText()).isEqualTo("v1");
    assertThat(client.version(id).get("name").asText()).isEqualTo("v1");

    assertThat(civitai.findAll(getRequestedFor(urlPathEqualTo(API + "/model-versions/" + id))))
        .hasSize(2);
  }

  @Test
  void unreachableCivitaiAnswersFastWith503UntilTheCooldownEnds() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CivitaiClient unreachable =
        clientWith(
            URI.create("http://localhost:" + closedPort + "/api/v1"),
            TestConfig.of(temp, temp).settings());
    LibraryFixture library = TestLibrary.fresh();
    Path model = library.modelWithSidecar(library.loras(), "ink.safetensors", s -> {});
    TestLibrary.scan("loras");
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertThatThrownBy(() -> unreachable.version(1))
        .isInstanceOfSatisfying(
            CivitaiFailure.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CivitaiFailure.Reason.OFFLINE);
              assertThat(e.getMessage()).startsWith("Civitai is unreachable (");
            });

    // Every caller shares the offline state: the server answers at once, Civitai is not asked.
    var response =
        LibraryRequests.post(
            "/api/lm/loras/fetch-civitai", Map.of("file_path", LibraryFixture.slashes(model)));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.jsonPath().getString("error"))
        .startsWith("Civitai is unreachable (")
        .contains("check the network connection. Will try again in ");
    assertThat(response.time()).isLessThan(1500);
    assertThat(civitai.getAllServeEvents()).isEmpty();
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(before);

    await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
    CivitaiFixtures.stubFound(civitai, cdn, LibraryFixture.sha256(LibraryFixture.read(model)));
    LibraryRequests.post(
            "/api/lm/loras/fetch-civitai", Map.of("file_path", LibraryFixture.slashes(model)))
        .then()
        .statusCode(200);
  }

  @Test
  void unknownHostIsOffline() {
    CivitaiClient nowhere =
        clientWith(
            URI.create("http://no-such-host.invalid/api/v1"), TestConfig.of(temp, temp).settings());
    try {
      assertThatThrownBy(() -> nowhere.model(1))
          .isInstanceOfSatisfying(
              CivitaiFailure.class,
              e -> assertThat(e.reason()).isEqualTo(CivitaiFailure.Reason.OFFLINE));
    } finally {
      await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
    }
  }

  @Test
  void modelsByIdsAndVersionsByHashesAreChecked() {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/models"))
            .withQueryParam("ids", equalTo("110012,5"))
            .withQueryParam("nsfw", equalTo("true"))
            .willReturn(okJson("{\"items\": [" + CivitaiFixtures.model(HASH, cdn) + "]}")));
    civitai.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo(API + "/model-versions/by-hash"))
            .withRequestBody(equalTo("[\"" + HASH + "\"]"))
            .willReturn(okJson("[" + CivitaiFixtures.version(HASH, cdn) + "]")));

    assertThat(client.models(java.util.List.of(110012L, 5L)).get(0).get("name").asText())
        .isEqualTo("Ink Drawing");
    assertThat(client.versionsByHashes(java.util.List.of(HASH)).get(0).get("id").asLong())
        .isEqualTo(CivitaiFixtures.VERSION_ID);

    civitai.stubFor(get(urlPathEqualTo(API + "/models")).willReturn(okJson("{\"items\": 3}")));
    assertThatThrownBy(() -> client.models(java.util.List.of(1L)))
        .hasMessage(
            "Civitai returned malformed data for models 1: field 'items' should be an array");
    civitai.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo(API + "/model-versions/by-hash"))
            .willReturn(okJson("{}")));
    assertThatThrownBy(() -> client.versionsByHashes(java.util.List.of(HASH)))
        .hasMessage(
            "Civitai returned malformed data for 1 model versions by hash: expected a JSON array");
  }

  @Test
  void relinkVersionIsBuiltFromTheModelWhenTheVersionItselfIsGone() {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/models/31"))
            .willReturn(
                okJson(
                    "{\"id\": 31, \"name\": \"Gone\", \"type\": \"LORA\", \"modelVersions\":"
                        + " [{\"id\": 310, \"index\": 0, \"name\": \"v1\", \"baseModel\": \"Pony\"}]}")));
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/310"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)));
    civitai.stubFor(
        get(urlPathEqualTo(API + "/models/32"))
            .willReturn(
                okJson(
                    "{\"id\": 32, \"name\": \"Empty\", \"type\": \"LORA\", \"modelVersions\": []}")));
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/320"))
            .willReturn(okJson("{\"id\": 320, \"modelId\": 32, \"name\": \"hidden\"}")));

    var built = client.modelVersion(31, null);
    assertThat(built.toString())
        .isEqualTo(
            "{\"id\":310,\"name\":\"v1\",\"baseModel\":\"Pony\",\"modelId\":31,\"model\":"
                + "{\"name\":\"Gone\",\"type\":\"LORA\",\"allowNoCredit\":true,"
                + "\"allowCommercialUse\":[\"Sell\"],\"allowDerivatives\":true,"
                + "\"allowDifferentLicense\":true}}");
    assertThat(client.modelVersion(32, 320L).get("name").asText()).isEqualTo("hidden");
    assertThatThrownBy(() -> client.modelVersion(32, null))
        .hasMessage("Civitai model 32 has no versions");
  }

  @Test
  void aBulkRefreshStopsWhenCivitaiIsUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LibraryFixture library = TestLibrary.fresh();
    library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    library.modelWithSidecar(library.loras(), "b.safetensors", s -> {});
    TestLibrary.scan("loras");
    CivitaiClient unreachable =
        clientWith(
            URI.create("http://localhost:" + closedPort + "/api/v1"),
            TestConfig.of(temp, temp).settings());
    assertThatThrownBy(() -> unreachable.version(1)).isInstanceOf(CivitaiFailure.class);

    var result =
        io.restassured.RestAssured.given()
            .post("/api/lm/loras/fetch-all-civitai?wait=true")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(result.getBoolean("success")).isFalse();
    assertThat(result.getString("status")).isEqualTo("error");
    assertThat(result.getString("message")).startsWith("Civitai is unreachable (");
    assertThat(result.getInt("processed")).isEqualTo(1);
    assertThat(result.getInt("failure_count")).isEqualTo(1);
    assertThat(civitai.getAllServeEvents()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
  }

  @Test
  void hashLookupOfAnUnknownHashIs404() {
    assertError(
        io.restassured.RestAssured.given().get("/api/lm/loras/civitai/model/hash/" + HASH),
        404,
        "Model not found on Civitai: the model version with hash " + HASH);
  }
}
