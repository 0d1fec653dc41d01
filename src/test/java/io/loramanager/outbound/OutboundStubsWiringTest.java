package io.loramanager.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.OutboundStubs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The application under test reaches the two stubs, and only them. */
@QuarkusTest
class OutboundStubsWiringTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;
  @Inject AllowedHosts hosts;
  @Inject UrlFetcher fetcher;

  @Test
  void onlyTheStubHostsAreAllowed() {
    assertThat(hosts.patterns()).containsExactly("localhost", OutboundStubs.CDN_HOST);
    assertThat(hosts.isCivitai(URI.create("http://localhost:" + civitai.port() + "/x"))).isTrue();
    assertThat(hosts.isCivitai(URI.create("http://127.0.0.2:" + cdn.port() + "/x"))).isFalse();
  }

  @Test
  void theApplicationFetchesFromTheCdnStub() {
    cdn.resetAll();
    cdn.stubFor(get("/f").willReturn(aResponse().withBody("cdn")));

    byte[] body =
        fetcher
            .fetch(
                URI.create("http://" + OutboundStubs.CDN_HOST + ":" + cdn.port() + "/f"),
                10,
                Duration.ofSeconds(5))
            .bytes();

    assertThat(body).asString().isEqualTo("cdn");
  }
}
