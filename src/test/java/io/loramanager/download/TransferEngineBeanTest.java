package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiStub;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as the application builds it (lm.download.* from application.properties, the shared
 * outbound policy) against the Civitai and CDN stubs every Quarkus test gets.
 */
@QuarkusTest
class TransferEngineBeanTest {

  private static final byte[] CONTENT = TestEngines.content(300_000);

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;
  @Inject TransferEngine engine;
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
  }

  @Test
  void usesTheConfiguredTestTimings() {
    TransferSettings settings = engine.settings();

    assertThat(settings.maxRetries()).isEqualTo(2);
    assertThat(settings.retryBaseDelay()).isEqualTo(Duration.ofMillis(1));
    assertThat(settings.stallTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aCivitaiDownloadRedirectsToTheCdnWithoutTheKey() throws IOException {
    civitai.stubFor(
        get(urlEqualTo("/api/download/models/42"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader(
                        "Location", "http://127.0.0.2:" + cdn.port() + "/files/42.safetensors")));
    cdn.stubFor(
        get(urlEqualTo("/files/42.safetensors"))
            .willReturn(aResponse().withStatus(200).withBody(CONTENT)));
    Path target = dir.resolve("loras/model.safetensors");

    TransferResult result =
        engine.transfer(
            TransferRequest.of(
                    URI.create("http://localhost:" + civitai.port() + "/api/download/models/42"),
                    target)
                .withSha256(TestEngines.sha256(CONTENT))
                .withApiKey(() -> Optional.of("k-123")),
            new TransferControl(),
            p -> {});

    assertThat(result.size()).isEqualTo(CONTENT.length);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    civitai.verify(
        getRequestedFor(urlEqualTo("/api/download/models/42"))
            .withHeader("Authorization", equalTo("Bearer k-123")));
    cdn.verify(
        1,
        getRequestedFor(urlEqualTo("/files/42.safetensors")).withHeader("Authorization", absent()));
  }

  @Test
  void theLoopbackAddressItselfIsARefusedTarget() {
    assertThatThrownBy(
            () ->
                engine.transfer(
                    TransferRequest.of(
                        URI.create("http://127.0.0.1:" + civitai.port() + "/x"), dir.resolve("x")),
                    new TransferControl(),
                    p -> {}))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.REFUSED))
        .hasMessageStartingWith("Host '127.0.0.1' is not an allowed download host");
    assertThat(civitai.getAllServeEvents()).isEmpty();
  }
}
