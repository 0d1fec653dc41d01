package io.loramanager.library.examples;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every example-image run test starts from: a fresh library, a fresh example-images folder
 * ({@link ExampleImagesFixture#ROOT}) in the settings and both stubs reset; afterwards the run is
 * waited out and the setting removed, so the next class sees no folder.
 */
abstract class WithExampleImagesFolder {

  @CdnStub WireMockServer cdn;

  /** The Civitai stub on 127.0.0.1 (also the loopback target of SSRF tests). */
  @CivitaiStub WireMockServer civitai;

  @Inject SettingsStore settings;

  LibraryFixture library;

  @BeforeEach
  void freshLibraryAndFolder() {
    cdn.resetAll();
    civitai.resetAll();
    library = TestLibrary.fresh();
    ExampleImagesFixture.configure(settings, ExampleImagesFixture.ROOT);
  }

  @AfterEach
  void runEndedAndFolderUnset() {
    ExampleImagesFixture.awaitFinished();
    ExampleImagesFixture.configure(settings, null);
  }

  String cdnUrl(String path) {
    return "http://127.0.0.2:" + cdn.port() + path;
  }
}
