package io.loramanager.library.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.errorOf;
import static io.loramanager.library.examples.ExampleImagesFixture.hash;
import static io.loramanager.library.examples.ExampleImagesFixture.lora;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
import static io.loramanager.library.examples.ExampleImagesFixture.startRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A sidecar's image URLs are not trusted: one pointing at the cloud metadata address and one whose
 * CDN answer redirects to loopback are refused before any connection to them, the model is failed
 * with the reason, and the run goes on with the next model.
 */
@QuarkusTest
class ExampleImagesSsrfTest extends WithExampleImagesFolder {

  private static final String NOT_ALLOWED =
      "' is not an allowed download host (allowed: localhost, 127.0.0.2; see LM_DOWNLOAD_HOSTS)";

  @Test
  void privateTargetsAreRefusedUnfetchedAndTheRunCarriesOn() {
    String metadata =
        hash(lora(library, "a_metadata", "http://169.254.169.254/latest/meta-data/iam"));
    Path redirected = lora(library, "b_redirected", cdnUrl("/hop.png"));
    String redirectedHash = hash(redirected);
    String good = hash(lora(library, "c_good", cdnUrl("/good.png")));
    TestLibrary.scan("loras");
    byte[] redirectedSidecar = LibraryFixture.read(LibraryFixture.sidecarOf(redirected));
    // The Civitai stub listens on 127.0.0.1: a real server the redirect must not reach.
    cdn.stubFor(
        get("/hop.png")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader(
                        "Location", "http://127.0.0.1:" + civitai.port() + "/internal.png")));
    civitai.stubFor(get("/internal.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    cdn.stubFor(get("/good.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));

    startRun();
    JsonPath done = awaitFinished();

    assertThat(done.getString("status.status")).isEqualTo("completed");
    assertThat(done.getInt("status.completed")).isEqualTo(3);
    assertThat(done.getList("status.errors", String.class))
        .containsExactly(
            errorOf("a_metadata", metadata) + "image 0: Host '169.254.169.254" + NOT_ALLOWED,
            errorOf("b_redirected", redirectedHash) + "image 0: Host '127.0.0.1" + NOT_ALLOWED);
    assertThat(done.getList("status.failed_models", String.class))
        .containsExactly(metadata, redirectedHash);
    assertThat(done.getList("status.processed_models", String.class)).containsExactly(good);

    // The CDN saw the first hop only; the loopback target was never asked.
    cdn.verify(1, getRequestedFor(urlEqualTo("/hop.png")));
    assertThat(civitai.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    assertThat(names(ROOT.resolve(metadata))).isEmpty();
    assertThat(names(ROOT.resolve(redirectedHash))).isEmpty();
    assertThat(names(ROOT.resolve(good))).containsExactly("image_0.png");
    // A refusal is not a 404: the image is not flagged, a later run may try it again.
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(redirected)))
        .isEqualTo(redirectedSidecar);
    assertThat(
            LibraryFixture.readJson(ROOT.resolve(".download_progress.json"))
                .get("failed_models")
                .toString())
        .isEqualTo("[\"" + metadata + "\",\"" + redirectedHash + "\"]");
  }
}
