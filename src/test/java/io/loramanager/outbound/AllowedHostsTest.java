package io.loramanager.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.TestConfig;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedHostsTest {

  private static final TestConfig DEFAULTS = TestConfig.of(Path.of("data"), Path.of("models"));

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "https://civitai.com/api/download/models/1, true",
    "https://civitai.red/api/download/models/1, true",
    "https://image.civitai.com/x/y.jpeg, true",
    "https://bucket.r2.cloudflarestorage.com/f?sig=1, true",
    "http://civitai.com/x, true",
    "https://huggingface.co/x, false",
    "https://civitai.com.evil.org/x, false",
    "ftp://civitai.com/x, false",
    "file:///etc/passwd, false",
  })
  void byDefaultAllowsCivitaiAndItsDownloadStorage(String url, boolean allowed) {
    assertThat(new AllowedHosts(DEFAULTS).allows(URI.create(url))).isEqualTo(allowed);
  }

  @Test
  void aConfiguredListReplacesTheDefaultsButKeepsTheApiHost() {
    AllowedHosts hosts =
        new AllowedHosts(
            DEFAULTS
                .withCivitaiApiUrl("http://mirror.lan:8080/api/v1")
                .withDownloadHosts("huggingface.co", "*.hf.co", " "));

    assertThat(hosts.patterns()).containsExactly("huggingface.co", "*.hf.co", "mirror.lan");
    assertThat(hosts.allows(URI.create("https://cdn-lfs.hf.co/x"))).isTrue();
    assertThat(hosts.allows(URI.create("http://mirror.lan:8080/api/v1/models/1"))).isTrue();
    assertThat(hosts.allows(URI.create("https://civitai.com/x"))).isFalse();
  }

  @Test
  void theApiHostIsNotListedTwice() {
    AllowedHosts hosts =
        new AllowedHosts(
            DEFAULTS.withCivitaiApiUrl("http://localhost:1/api/v1").withDownloadHosts("localhost"));

    assertThat(hosts.patterns()).containsExactly("localhost");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "https://civitai.com/api/v1/models/1, true",
    "https://www.civitai.green/x, true",
    "https://civitai.red/x, true",
    "http://mirror.lan:9/x, true",
    "https://image.civitai.com/x, false",
    "https://bucket.r2.cloudflarestorage.com/f, false",
    "ftp://civitai.com/x, false",
  })
  void onlyCivitaiAndTheApiHostMaySeeTheKey(String url, boolean civitai) {
    AllowedHosts hosts = new AllowedHosts(DEFAULTS.withCivitaiApiUrl("http://mirror.lan:9/api"));

    assertThat(hosts.isCivitai(URI.create(url))).isEqualTo(civitai);
  }

  @Test
  void onlyExactNamesTheUserGaveAreTrustedWithPrivateAddresses() {
    AllowedHosts hosts =
        new AllowedHosts(
            DEFAULTS
                .withCivitaiApiUrl("http://api.lan/api/v1")
                .withDownloadHosts("Mirror.LAN", "*.lan"));

    assertThat(hosts.trusted("mirror.lan")).isTrue();
    assertThat(hosts.trusted("api.lan")).isTrue();
    assertThat(hosts.trusted("other.lan")).isFalse();
    assertThat(hosts.trusted(null)).isFalse();
    assertThat(new AllowedHosts(DEFAULTS).trusted("civitai.com")).isTrue();
    assertThat(new AllowedHosts(DEFAULTS).trusted("image.civitai.com")).isFalse();
  }

  @Test
  void refusesUrlsWithoutHost() {
    assertThat(new AllowedHosts(DEFAULTS).allows(URI.create("https:///x"))).isFalse();
    assertThat(new AllowedHosts(DEFAULTS).allows(null)).isFalse();
    assertThat(new AllowedHosts(DEFAULTS).isCivitai(URI.create("mailto:a@civitai.com"))).isFalse();
  }
}
