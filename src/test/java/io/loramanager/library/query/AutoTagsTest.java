package io.loramanager.library.query;

import static io.loramanager.testsupport.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AutoTagsTest {

  @Test
  void noiseHalvesAreFoundInTheFileName() {
    assertThat(AutoTags.of(entry("wan22_high_noise_v1").build())).containsExactly("HIGH");
    assertThat(AutoTags.of(entry("wan22-LowNoise").build())).containsExactly("LOW");
    assertThat(AutoTags.of(entry("wan low").build())).containsExactly("LOW");
  }

  @Test
  void wordsInsideOtherWordsDoNotCount() {
    assertThat(AutoTags.of(entry("highlight_lowkey_turbocharged").build())).isEmpty();
    assertThat(AutoTags.of(entry("flowing").build())).isEmpty();
  }

  @Test
  void videoModesAreDistinct() {
    assertThat(AutoTags.of(entry("wan_i2v").build())).containsExactly("I2V");
    assertThat(AutoTags.of(entry("wan_t2v").build())).containsExactly("T2V");
    assertThat(AutoTags.of(entry("wan_ti2v").build())).containsExactly("TI2V");
  }

  @Test
  void baseModelAndVersionNameAreSearchedToo() {
    assertThat(AutoTags.of(entry("plain").baseModel("Wan Video 14B i2v 480p").build()))
        .containsExactly("I2V");
    assertThat(AutoTags.of(entry("plain").civitai(1L, 2L, "v2 Lightning", null).build()))
        .containsExactly("Lightning");
  }

  @Test
  void severalTagsComeInRuleOrder() {
    assertThat(AutoTags.of(entry("turbo_t2v_high").baseModel("SDXL Lightning").build()))
        .containsExactly("HIGH", "T2V", "Lightning", "Turbo");
  }

  @Test
  void aPlainModelHasNone() {
    assertThat(AutoTags.of(entry("anime style").build())).isEmpty();
  }
}
