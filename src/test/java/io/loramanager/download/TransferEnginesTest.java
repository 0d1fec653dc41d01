package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.settings.SettingsStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * settings.json's {@code download_stall_timeout_seconds} reaches the transfer: a download starts
 * with an engine whose stall timeout is the setting's (at least 30 s), all else as configured.
 */
@QuarkusTest
class TransferEnginesTest {

  @Inject TransferEngines engines;
  @Inject TransferEngine configured;
  @Inject SettingsStore settings;

  @AfterEach
  void removeTheSetting() {
    settings.update(d -> d.remove(TransferEngines.STALL_KEY));
  }

  private void stallSetting(int seconds) {
    settings.update(d -> d.put(TransferEngines.STALL_KEY, seconds));
  }

  @Test
  void withoutTheSettingADownloadUsesTheConfiguredEngine() {
    assertThat(engines.current()).isSameAs(configured);
  }

  @Test
  void theSettingIsTheStallTimeoutOfTheNextDownloadAndNothingElseChanges() {
    stallSetting(45);

    TransferEngine engine = engines.current();

    TransferSettings base = configured.settings();
    assertThat(engine.settings())
        .isEqualTo(
            new TransferSettings(
                base.maxRetries(),
                base.retryBaseDelay(),
                base.connectTimeout(),
                base.readTimeout(),
                Duration.ofSeconds(45),
                base.progressInterval(),
                base.bufferBytes()));
    assertThat(engines.current()).isSameAs(engine);
  }

  @Test
  void aSettingUnderThirtySecondsIsRaisedToThirtyAsTheReferenceClampsIt() {
    stallSetting(5);

    assertThat(engines.current().settings().stallTimeout()).isEqualTo(Duration.ofSeconds(30));
  }
}
