package io.loramanager.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.civitai.CivitaiClient;
import io.loramanager.civitai.CivitaiConnectivity;
import io.loramanager.civitai.RequestPacer;
import io.loramanager.outbound.AllowedHosts;
import io.loramanager.settings.LmConfig;
import io.loramanager.storage.JsonFiles;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestConfig;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Civitai step of LoRA resolution during analysis (anchor-recipes §2.4, §2.6): a LoRA the
 * library does not have is resolved by hash on Civitai; a 404 marks it deleted; Civitai being down,
 * rate limited or offline leaves it unresolved and the analysis still answers.
 */
@QuarkusTest
class RecipeCivitaiResolutionFlowTest {

  static final String SHA256 = "cd".repeat(32);
  static final String SHORT_HASH = SHA256.substring(0, 12);
  static final String BY_HASH = CivitaiFixtures.API + "/model-versions/by-hash/" + SHORT_HASH;
  static final String TEXT =
      "ink drawing, a lighthouse <lora:ink_v2:0.8>\n"
          + "Negative prompt: blurry\n"
          + "Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512, Lora hashes: \"ink_v2: "
          + SHORT_HASH
          + "\"";

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @Inject LmConfig config;
  @Inject AllowedHosts hosts;
  @Inject CivitaiConnectivity connectivity;
  @Inject JsonFiles json;
  @Inject RequestPacer pacer;

  @TempDir Path temp;

  private LibraryFixture library;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
    library = TestLibrary.fresh();
    TestLibrary.scan("loras");
  }

  private Response analyze() {
    return RecipeAnalyzeFlowTest.upload(
        "ink.png", ImageFixtures.png().text("parameters", TEXT).build());
  }

  private String scrubbed(Response response) {
    return response.asString().replace(":" + cdn.port() + "/", ":<CDN_PORT>/");
  }

  @Test
  void loraByHashNotInTheLibraryIsResolvedOnCivitai() {
    civitai.stubFor(
        get(urlPathEqualTo(BY_HASH)).willReturn(okJson(CivitaiFixtures.version(SHA256, cdn))));
    CivitaiFixtures.stubModel(civitai, cdn, SHA256);

    Response response = analyze();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonSnapshots.verify(scrubbed(response), library);
  }

  @Test
  void civitaiNotFoundMarksTheLoraDeleted() {
    civitai.stubFor(get(urlPathEqualTo(BY_HASH)).willReturn(aResponse().withStatus(404)));

    Response response = analyze();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonSnapshots.verify(response.asString(), library);
  }

  @Test
  void civitaiServerErrorLeavesTheLoraUnresolved() {
    civitai.stubFor(get(urlPathEqualTo(BY_HASH)).willReturn(aResponse().withStatus(503)));

    Response response = analyze();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonSnapshots.verify(response.asString(), library);
    assertThat(
            civitai
                .countRequestsMatching(get(urlPathEqualTo(BY_HASH)).build().getRequest())
                .getCount())
        .isEqualTo(config.civitai().retryAttempts());
  }

  @Test
  void civitaiRateLimitLeavesTheLoraUnresolved() {
    civitai.stubFor(
        get(urlPathEqualTo(BY_HASH))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

    Response response = analyze();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getBoolean("loras[0].isDeleted")).isFalse();
    assertThat(response.jsonPath().getString("loras[0].hash")).isEqualTo(SHORT_HASH);
    assertThat(response.jsonPath().getString("loras[0].id")).isNull();
  }

  @Test
  void offlineCivitaiIsNotAskedAndTheAnalysisStillAnswers() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CivitaiClient unreachable =
        new CivitaiClient(
            config.civitai(),
            URI.create("http://localhost:" + closedPort + "/api/v1"),
            TestConfig.of(temp, temp).settings(),
            hosts,
            pacer,
            connectivity,
            json);
    assertThatThrownBy(() -> unreachable.version(1)).isNotNull();
    assertThat(connectivity.offline()).isTrue();

    Response response = analyze();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getBoolean("loras[0].isDeleted")).isFalse();
    assertThat(response.jsonPath().getString("loras[0].hash")).isEqualTo(SHORT_HASH);
    assertThat(response.jsonPath().getFloat("loras[0].weight")).isEqualTo(0.8f);
    assertThat(civitai.getAllServeEvents()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
  }
}
