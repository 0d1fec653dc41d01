package io.loramanager.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.loramanager.errors.LmException;
import io.loramanager.testsupport.TestConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching through real HTTP: WireMock on localhost (allowed) and 127.0.0.2 (allowed CDN). */
class UrlFetcherTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final WireMockServer SITE =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private static final WireMockServer CDN =
      new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());

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

  private URI site(String path) {
    return URI.create("http://localhost:" + SITE.port() + path);
  }

  private String cdn(String path) {
    return "http://127.0.0.2:" + CDN.port() + path;
  }

  @Test
  void returnsTheBodyAndItsContentType() {
    SITE.stubFor(
        get("/img.png")
            .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody("PNGDATA")));

    FetchedBody body = fetcher.fetch(site("/img.png"), 100, TIMEOUT);

    assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("PNGDATA");
    assertThat(body.contentType()).isEqualTo(Optional.of("image/png"));
    assertThat(body.finalUrl()).isEqualTo(site("/img.png"));
  }

  @Test
  void followsRedirectsToAllowedHostsAndChecksEveryHop() {
    SITE.stubFor(
        get("/a").willReturn(aResponse().withStatus(302).withHeader("Location", cdn("/b"))));
    CDN.stubFor(get("/b").willReturn(aResponse().withStatus(307).withHeader("Location", "/c")));
    CDN.stubFor(get("/c").willReturn(aResponse().withBody("done")));

    FetchedBody body = fetcher.fetch(site("/a"), 100, TIMEOUT);

    assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("done");
    assertThat(body.finalUrl()).isEqualTo(URI.create(cdn("/c")));
    assertThat(body.contentType()).isEmpty();
  }

  @Test
  void refusesARedirectToAHostOffTheList() {
    SITE.stubFor(
        get("/a")
            .willReturn(
                aResponse()
                    .withStatus(301)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data")));

    assertThatThrownBy(() -> fetcher.fetch(site("/a"), 100, TIMEOUT))
        .isInstanceOf(LmException.class)
        .hasMessageStartingWith("Host '169.254.169.254' is not an allowed download host");
  }

  @Test
  void refusesAStartingUrlOffTheListWithoutConnecting() {
    assertThatThrownBy(
            () -> fetcher.fetch(URI.create("http://127.0.0.1:" + SITE.port() + "/x"), 1, TIMEOUT))
        .isInstanceOf(LmException.class)
        .hasMessageStartingWith("Host '127.0.0.1' is not an allowed download host");
    assertThat(SITE.getAllServeEvents()).isEmpty();
  }

  @Test
  void givesUpAfterTooManyRedirects() {
    SITE.stubFor(
        get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

    assertThatThrownBy(() -> fetcher.fetch(site("/loop"), 100, TIMEOUT))
        .isInstanceOf(LmException.class)
        .hasMessage("Too many redirects fetching " + site("/loop"));
    SITE.verify(UrlFetcher.MAX_REDIRECTS + 1, getRequestedFor(urlEqualTo("/loop")));
  }

  @Test
  void aRedirectWithoutLocationIsAnUpstreamError() {
    SITE.stubFor(get("/a").willReturn(aResponse().withStatus(302)));

    assertThatThrownBy(() -> fetcher.fetch(site("/a"), 100, TIMEOUT))
        .isInstanceOf(LmException.class)
        .satisfies(e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.UPSTREAM))
        .hasMessage("localhost answered 302 without Location");
  }

  @Test
  void anHttpErrorNamesTheStatus() {
    SITE.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> fetcher.fetch(site("/gone"), 100, TIMEOUT))
        .isInstanceOf(LmException.class)
        .satisfies(e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.UPSTREAM))
        .hasMessage("Fetching " + site("/gone") + " failed with HTTP 404");
  }

  @Test
  void refusesABodyDeclaredLargerThanTheLimit() {
    SITE.stubFor(get("/big").willReturn(aResponse().withBody("0123456789")));

    assertThatThrownBy(() -> fetcher.fetch(site("/big"), 9, TIMEOUT))
        .isInstanceOf(LmException.class)
        .satisfies(e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.TOO_LARGE))
        .hasMessage(site("/big") + " is larger than the limit of 9 bytes");
  }

  @Test
  void stopsReadingAnUndeclaredBodyAtTheLimit() {
    SITE.stubFor(
        get("/chunked")
            .willReturn(aResponse().withBody("0123456789").withChunkedDribbleDelay(2, 1)));

    assertThatThrownBy(() -> fetcher.fetch(site("/chunked"), 9, TIMEOUT))
        .isInstanceOf(LmException.class)
        .hasMessage(site("/chunked") + " is larger than the limit of 9 bytes");
    assertThat(fetcher.fetch(site("/chunked"), 10, TIMEOUT).bytes()).hasSize(10);
  }

  @Test
  void aConnectionResetIsAnUpstreamError() {
    SITE.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> fetcher.fetch(site("/reset"), 100, TIMEOUT))
        .isInstanceOf(LmException.class)
        .satisfies(e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.UPSTREAM))
        .hasMessageStartingWith("Fetching " + site("/reset") + " failed: ");
  }

  @Test
  void aSlowServerTimesOut() {
    SITE.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(3_000).withBody("late")));

    assertThatThrownBy(() -> fetcher.fetch(site("/slow"), 100, Duration.ofMillis(300)))
        .isInstanceOf(LmException.class)
        .hasMessage("Fetching " + site("/slow") + " timed out after 300 ms");
  }
}
