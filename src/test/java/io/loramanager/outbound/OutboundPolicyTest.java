package io.loramanager.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import io.loramanager.testsupport.TestConfig;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {

  private static final TestConfig CONFIG =
      TestConfig.of(Path.of("data"), Path.of("models"))
          .withCivitaiApiUrl("http://localhost:1/api/v1")
          .withDownloadHosts("127.0.0.2", "*.0.0.1", "*.184.216.34", "*.invalid");

  private final OutboundPolicy policy = new OutboundPolicy(new AllowedHosts(CONFIG));

  @Test
  void parsesAbsoluteHttpUrls() {
    assertThat(policy.parse(" https://civitai.com/a?b=1 "))
        .isEqualTo(URI.create("https://civitai.com/a?b=1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/relative/path", "ftp://civitai.com/x", "file:///etc/passwd", "https:///x"})
  void refusesWhatIsNotAnHttpUrl(String url) {
    assertThatThrownBy(() -> policy.parse(url))
        .isInstanceOf(LmException.class)
        .hasMessage("Not an http(s) URL: " + url);
  }

  @Test
  void refusesMalformedAndMissingUrls() {
    assertThatThrownBy(() -> policy.parse("http://a b/"))
        .isInstanceOf(LmException.class)
        .hasMessage("Not a valid URL: http://a b/");
    assertThatThrownBy(() -> policy.parse(" "))
        .isInstanceOf(LmException.class)
        .hasMessage("URL is required");
    assertThatThrownBy(() -> policy.parse(null))
        .isInstanceOf(LmException.class)
        .hasMessage("URL is required");
  }

  @Test
  void refusesHostsOffTheList() {
    assertThatThrownBy(() -> policy.requireReachable(URI.create("http://169.254.169.254/latest")))
        .isInstanceOf(LmException.class)
        .satisfies(e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.BAD_INPUT))
        .hasMessage(
            "Host '169.254.169.254' is not an allowed download host (allowed: 127.0.0.2, *.0.0.1,"
                + " *.184.216.34, *.invalid, localhost; see LM_DOWNLOAD_HOSTS)");
  }

  @Test
  void letsExactlyNamedHostsLiveOnLoopback() {
    URI cdn = URI.create("http://127.0.0.2:8080/file");
    URI api = URI.create("http://localhost:1/api/v1/models/1");

    assertThat(policy.requireReachable(cdn)).isSameAs(cdn);
    assertThat(policy.requireReachable(api)).isSameAs(api);
  }

  @Test
  void refusesAWildcardHostThatResolvesToLoopback() {
    assertThatThrownBy(() -> policy.requireReachable(URI.create("http://127.0.0.1/admin")))
        .isInstanceOf(LmException.class)
        .hasMessage(
            "Refusing to connect to '127.0.0.1': it resolves to a private, loopback or link-local"
                + " address");
  }

  @Test
  void letsAWildcardHostWithAPublicAddressThrough() {
    URI url = URI.create("https://93.184.216.34/x");

    assertThat(policy.requireReachable(url)).isSameAs(url);
  }

  @Test
  void anUnresolvableHostIsUnavailable() {
    assertThatThrownBy(() -> policy.requireReachable(URI.create("https://nothing.invalid/x")))
        .isInstanceOf(LmException.class)
        .satisfies(
            e -> assertThat(((LmException) e).kind()).isEqualTo(LmException.Kind.UNAVAILABLE))
        .hasMessage("Cannot resolve host 'nothing.invalid'");
  }
}
