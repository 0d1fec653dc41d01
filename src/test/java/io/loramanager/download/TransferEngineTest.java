package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against WireMock: success, verification, HTTP errors, auth across redirects. */
class TransferEngineTest {

  private static final WireMockServer CIVITAI =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private static final WireMockServer CDN =
      new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());
  private static final byte[] CONTENT = TestEngines.content(100_000);

  @TempDir Path dir;
  private TransferEngine engine;
  private Path target;
  private final TestEngines.Reports reports = new TestEngines.Reports();

  @BeforeAll
  static void start() {
    CIVITAI.start();
    CDN.start();
  }

  @AfterAll
  static void stop() {
    CIVITAI.stop();
    CDN.stop();
  }

  @BeforeEach
  void setUp() {
    CIVITAI.resetAll();
    CDN.resetAll();
    engine = TestEngines.engine(dir, CIVITAI.port());
    target = dir.resolve("models/lora.safetensors");
  }

  private URI civitai(String path) {
    return URI.create("http://localhost:" + CIVITAI.port() + path);
  }

  private URI cdn(String path) {
    return URI.create("http://127.0.0.2:" + CDN.port() + path);
  }

  private TransferResult fetch(TransferRequest request) {
    return engine.transfer(request, new TransferControl(), reports::add);
  }

  private void serve(WireMockServer server, String path, byte[] body) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(body)));
  }

  @Test
  void downloadsIntoTheTargetThroughAPartFileAndReportsItsHash() throws IOException {
    serve(CDN, "/file", CONTENT);

    TransferResult result =
        fetch(TransferRequest.of(cdn("/file"), target).withSha256(TestEngines.sha256(CONTENT)));

    assertThat(result)
        .isEqualTo(new TransferResult(target, CONTENT.length, TestEngines.sha256(CONTENT)));
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(target.resolveSibling("lora.safetensors.part")).doesNotExist();
    assertThat(reports.last())
        .isEqualTo(
            new TransferProgress(
                CONTENT.length, OptionalLong.of(CONTENT.length), 0, OptionalLong.empty()));
    assertThat(reports.last().percent()).isEqualTo(100.0);
  }

  @Test
  void acceptsAnUpperCaseExpectedHash() throws IOException {
    serve(CDN, "/file", CONTENT);

    fetch(
        TransferRequest.of(cdn("/file"), target)
            .withSha256(TestEngines.sha256(CONTENT).toUpperCase()));

    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void shaMismatchRemovesTheFileAndSaysSo() {
    serve(CDN, "/file", CONTENT);
    String wrong = "ab".repeat(32);

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/file"), target).withSha256(wrong)))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.VERIFICATION))
        .hasMessage(
            "SHA-256 mismatch. Expected: " + wrong + ", Got: " + TestEngines.sha256(CONTENT));
    assertThat(target).doesNotExist();
    assertThat(TransferRequest.partFileOf(target)).doesNotExist();
    CDN.verify(1, getRequestedFor(urlEqualTo("/file")));
  }

  @Test
  void sizeMismatchRemovesTheFileAndSaysSo() {
    serve(CDN, "/file", CONTENT);

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/file"), target).withSize(123)))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.VERIFICATION))
        .hasMessage("File size mismatch. Expected: 123, Got: " + CONTENT.length);
    assertThat(target).doesNotExist();
    assertThat(TransferRequest.partFileOf(target)).doesNotExist();
  }

  @Test
  void anEmptyBodyIsAFailureAndLeavesNothing() {
    serve(CDN, "/file", new byte[0]);

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/file"), target)))
        .hasMessage("Downloaded file is empty");
    assertThat(target).doesNotExist();
    assertThat(TransferRequest.partFileOf(target)).doesNotExist();
  }

  @Test
  void unauthorizedIsNotRetriedAndUsesTheReferenceMessage() {
    CDN.stubFor(get(urlEqualTo("/file")).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/file"), target)))
        .isInstanceOfSatisfying(TransferFailure.class, f -> assertThat(f.status()).hasValue(401))
        .hasMessage("Invalid or missing API key, or early access restriction.");
    CDN.verify(1, getRequestedFor(urlEqualTo("/file")));
  }

  @Test
  void earlyAccessForbiddenIsNotRetriedAndUsesTheReferenceMessage() {
    CIVITAI.stubFor(
        get(urlEqualTo("/api/download/models/7")).willReturn(aResponse().withStatus(403)));

    assertThatThrownBy(() -> fetch(TransferRequest.of(civitai("/api/download/models/7"), target)))
        .isInstanceOfSatisfying(TransferFailure.class, f -> assertThat(f.status()).hasValue(403))
        .hasMessage("Access forbidden: You don't have permission to download this file.");
    CIVITAI.verify(1, getRequestedFor(urlEqualTo("/api/download/models/7")));
    assertThat(TransferRequest.partFileOf(target)).doesNotExist();
  }

  @Test
  void notFoundUsesTheReferenceMessage() {
    CDN.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/gone"), target)))
        .hasMessage("File not found - the download link may be invalid or expired.");
  }

  @Test
  void serverErrorsFailAtOnceWithTheirStatus() {
    CDN.stubFor(get(urlEqualTo("/file")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/file"), target)))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.HTTP))
        .hasMessage("Download failed with status 503");
    CDN.verify(1, getRequestedFor(urlEqualTo("/file")));
  }

  @Test
  void theApiKeyGoesToCivitaiButNotToTheCdnItRedirectsTo() throws IOException {
    CIVITAI.stubFor(
        get(urlEqualTo("/api/download/models/7"))
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader("Location", cdn("/signed/file?sig=1").toString())));
    serve(CDN, "/signed/file?sig=1", CONTENT);

    fetch(
        TransferRequest.of(civitai("/api/download/models/7"), target)
            .withApiKey(() -> Optional.of("secret-key")));

    CIVITAI.verify(
        getRequestedFor(urlEqualTo("/api/download/models/7"))
            .withHeader("Authorization", equalTo("Bearer secret-key")));
    CDN.verify(
        1,
        getRequestedFor(urlEqualTo("/signed/file?sig=1"))
            .withHeader("Authorization", absent())
            .withHeader("Accept-Encoding", equalTo("identity")));
    assertThat(CDN.getAllServeEvents().get(0).getRequest().containsHeader("Authorization"))
        .isFalse();
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void noAuthorizationHeaderWithoutAKey() throws IOException {
    serve(CIVITAI, "/api/download/models/7", CONTENT);

    fetch(TransferRequest.of(civitai("/api/download/models/7"), target));

    CIVITAI.verify(
        getRequestedFor(urlEqualTo("/api/download/models/7"))
            .withHeader("Authorization", absent()));
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void aRedirectToARefusedHostIsNotFollowed() {
    CDN.stubFor(
        get(urlEqualTo("/file"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data")));

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/file"), target)))
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.REFUSED))
        .hasMessageStartingWith("Host '169.254.169.254' is not an allowed download host");
    assertThat(TransferRequest.partFileOf(target)).doesNotExist();
  }

  @Test
  void aResumeAnsweredAtTheWrongOffsetRestartsFromZero() throws IOException {
    Files.createDirectories(target.getParent());
    Files.write(TransferRequest.partFileOf(target), java.util.Arrays.copyOf(CONTENT, 40_000));
    CDN.stubFor(
        get(urlEqualTo("/file"))
            .withHeader("Range", equalTo("bytes=40000-"))
            .willReturn(
                aResponse()
                    .withStatus(206)
                    .withHeader("Content-Range", "bytes 0-99999/100000")
                    .withBody(CONTENT)));
    CDN.stubFor(
        get(urlEqualTo("/file"))
            .withHeader("Range", absent())
            .willReturn(aResponse().withStatus(200).withBody(CONTENT)));

    fetch(TransferRequest.of(cdn("/file"), target).withSha256(TestEngines.sha256(CONTENT)));

    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    CDN.verify(2, getRequestedFor(urlEqualTo("/file")));
  }

  @Test
  void aRedirectWithoutLocationFails() {
    CDN.stubFor(get(urlEqualTo("/file")).willReturn(aResponse().withStatus(302)));

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/file"), target)))
        .hasMessage("127.0.0.2 answered 302 without a Location");
  }

  @Test
  void endlessRedirectsFail() {
    CDN.stubFor(
        get(urlEqualTo("/loop"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

    assertThatThrownBy(() -> fetch(TransferRequest.of(cdn("/loop"), target)))
        .hasMessage("Too many redirects (more than 5)");
    CDN.verify(6, getRequestedFor(urlEqualTo("/loop")));
  }

  @Test
  void anExistingPartFromAnEarlierRunIsResumedAndHashedWhole() throws IOException {
    Files.createDirectories(target.getParent());
    Files.write(TransferRequest.partFileOf(target), java.util.Arrays.copyOf(CONTENT, 40_000));
    byte[] rest = java.util.Arrays.copyOfRange(CONTENT, 40_000, CONTENT.length);
    CDN.stubFor(
        get(urlEqualTo("/file"))
            .withHeader("Range", equalTo("bytes=40000-"))
            .willReturn(
                aResponse()
                    .withStatus(206)
                    .withHeader("Content-Range", "bytes 40000-99999/100000")
                    .withBody(rest)));

    TransferResult result =
        fetch(TransferRequest.of(cdn("/file"), target).withSha256(TestEngines.sha256(CONTENT)));

    assertThat(result.sha256()).isEqualTo(TestEngines.sha256(CONTENT));
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(reports.all.get(0).bytesDownloaded()).isEqualTo(40_000);
  }
}
