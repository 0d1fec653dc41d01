package io.loramanager.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.errors.LmException;
import io.loramanager.testsupport.TestConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming to a file: complete files only, every redirect hop checked, nothing left on errors. */
class UrlFetcherToFileTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final WireMockServer SITE =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private static final WireMockServer CDN =
      new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());

  @TempDir Path folder;
  private UrlFetcher fetcher;

  @BeforeAll
  static void startServers() {
    SITE.start();
    CDN.start();
  }

  @AfterAll
  static void stopServers() {
    SITE.stop();
    CDN.stop();
  }

  @BeforeEach
  void setUp() {
    SITE.resetAll();
    CDN.resetAll();
    TestConfig config =
        TestConfig.of(Path.of("data"), Path.of("models"))
            .withCivitaiApiUrl("http://localhost:" + SITE.port() + "/api/v1")
            .withDownloadHosts("127.0.0.2");
    fetcher = new UrlFetcher(new OutboundPolicy(new AllowedHosts(config)));
  }

  private URI cdn(String path) {
    return URI.create("http://127.0.0.2:" + CDN.port() + path);
  }

  @Test
  void writesTheBodyToTheTargetAndNothingElse() throws IOException {
    CDN.stubFor(
        get("/a.png")
            .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody("PNGDATA")));
    Path target = folder.resolve("a.bin");

    FetchedFile file = fetcher.fetchToFile(cdn("/a.png"), target, 100, TIMEOUT);

    assertThat(file).isEqualTo(new FetchedFile(target, 7, Optional.of("image/png"), cdn("/a.png")));
    assertThat(Files.readString(target)).isEqualTo("PNGDATA");
    try (var listing = Files.list(folder)) {
      assertThat(listing).containsExactly(target);
    }
  }

  @Test
  void followsARedirectAndRefusesOneToAHostOffTheList() throws IOException {
    CDN.stubFor(get("/ok").willReturn(aResponse().withStatus(302).withHeader("Location", "/b")));
    CDN.stubFor(get("/b").willReturn(aResponse().withBody("B")));
    CDN.stubFor(
        get("/evil")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data")));

    assertThat(fetcher.fetchToFile(cdn("/ok"), folder.resolve("b"), 10, TIMEOUT).finalUrl())
        .isEqualTo(cdn("/b"));
    assertThatThrownBy(() -> fetcher.fetchToFile(cdn("/evil"), folder.resolve("e"), 10, TIMEOUT))
        .isInstanceOf(LmException.class)
        .satisfies(e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.BAD_INPUT));
    assertThat(folder.resolve("e")).doesNotExist();
    CDN.verify(1, getRequestedFor(urlEqualTo("/evil")));
  }

  @Test
  void anHttpErrorCarriesItsStatusAndRetryAfter() {
    CDN.stubFor(
        get("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
    CDN.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> fetcher.fetchToFile(cdn("/busy"), folder.resolve("x"), 10, TIMEOUT))
        .isInstanceOfSatisfying(
            UpstreamHttpError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            })
        .hasMessage("Fetching " + cdn("/busy") + " failed with HTTP 429");
    assertThatThrownBy(() -> fetcher.fetchToFile(cdn("/gone"), folder.resolve("x"), 10, TIMEOUT))
        .isInstanceOfSatisfying(
            UpstreamHttpError.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.retryAfter()).isEmpty();
            });
    assertThat(folder.resolve("x")).doesNotExist();
  }

  @Test
  void aBodyOverTheLimitLeavesNoFile() throws IOException {
    CDN.stubFor(
        get("/big").willReturn(aResponse().withBody("0123456789").withChunkedDribbleDelay(2, 1)));

    assertThatThrownBy(() -> fetcher.fetchToFile(cdn("/big"), folder.resolve("big"), 5, TIMEOUT))
        .isInstanceOf(LmException.class)
        .satisfies(e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.TOO_LARGE));
    try (var listing = Files.list(folder)) {
      assertThat(listing).isEmpty();
    }
  }

  @Test
  void aStalledServerTimesOut() {
    CDN.stubFor(get("/stall").willReturn(aResponse().withFixedDelay(3_000).withBody("late")));

    assertThatThrownBy(
            () ->
                fetcher.fetchToFile(
                    cdn("/stall"), folder.resolve("s"), 100, Duration.ofMillis(300)))
        .isInstanceOf(LmException.class)
        .hasMessage("Fetching " + cdn("/stall") + " timed out after 300 ms");
    assertThat(folder.resolve("s")).doesNotExist();
  }

  @Test
  void aTargetFolderThatIsAFileIsAnIoError() throws IOException {
    CDN.stubFor(get("/a").willReturn(aResponse().withBody("A")));
    Path blocker = Files.writeString(folder.resolve("blocker"), "x");

    assertThatThrownBy(() -> fetcher.fetchToFile(cdn("/a"), blocker.resolve("a.png"), 100, TIMEOUT))
        .isInstanceOf(IOException.class);
    assertThat(Files.readString(blocker)).isEqualTo("x");
  }

  @Test
  void aFullDiskFailsWithTheReasonAndLeavesNoFile() throws IOException {
    Path devFull = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isWritable(devFull), "/dev/full is needed to provoke ENOSPC");
    CDN.stubFor(get("/a").willReturn(aResponse().withBody("A")));
    Path target = Files.createSymbolicLink(folder.resolve("a.part"), devFull);

    assertThatThrownBy(() -> fetcher.fetchToFile(cdn("/a"), target, 100, TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot write " + target + ": No space left on device");
    try (var listing = Files.list(folder)) {
      assertThat(listing).isEmpty();
    }
  }

  @Test
  void aMissingFolderIsNamedInTheError() {
    CDN.stubFor(get("/a").willReturn(aResponse().withBody("A")));
    Path target = folder.resolve("missing/a.part");

    assertThatThrownBy(() -> fetcher.fetchToFile(cdn("/a"), target, 100, TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot write " + target + ": No such file or directory (" + target + ")");
  }
}
