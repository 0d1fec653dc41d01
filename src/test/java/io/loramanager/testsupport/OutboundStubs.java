package io.loramanager.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Two WireMock servers on loopback standing in for the internet, started once for every Quarkus
 * test (Civitai is never reachable from tests): {@link CivitaiStub} plays the Civitai API on {@code
 * localhost}, {@link CdnStub} a download CDN on {@code 127.0.0.2}, a different host so tests can
 * check what is (not) sent across a redirect. Only these two hosts are allowed outbound, so {@code
 * 127.0.0.1} and {@code 169.254.169.254} are SSRF targets the server must refuse. Tests inject the
 * servers with the annotations and reset their stubs before use.
 */
public class OutboundStubs implements QuarkusTestResourceLifecycleManager {

  /** Host of the CDN stub: loopback, but a different host name from the Civitai stub. */
  public static final String CDN_HOST = "127.0.0.2";

  private WireMockServer civitai;
  private WireMockServer cdn;

  @Override
  public Map<String, String> start() {
    civitai = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    cdn = new WireMockServer(options().bindAddress(CDN_HOST).dynamicPort());
    civitai.start();
    cdn.start();
    return Map.of(
        "lm.civitai.api-url", "http://localhost:" + civitai.port() + "/api/v1",
        "lm.download-hosts", "localhost," + CDN_HOST);
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        civitai, new TestInjector.AnnotatedAndMatchesType(CivitaiStub.class, WireMockServer.class));
    injector.injectIntoFields(
        cdn, new TestInjector.AnnotatedAndMatchesType(CdnStub.class, WireMockServer.class));
  }

  @Override
  public void stop() {
    if (civitai != null) {
      civitai.stop();
    }
    if (cdn != null) {
      cdn.stop();
    }
  }
}
