package io.loramanager.civitai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The base-model table of anchor-library §5.9, with whole-token matching for {@code il}. */
class BaseModelsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sd_1.5|SD 1.5",
        "SD-v1-5 pruned|SD 1.5",
        "sd-v2-1_768|SD 2.1",
        "SDXL 1.0|SDXL 1.0",
        "SDXL Lightning|SDXL 1.0",
        "SDXL Hyper|SDXL 1.0",
        "sd-v2|SD 2.0",
        "flux1-dev|Flux.1 D",
        "Flux.1 D|Flux.1 D",
        "Illustrious|Illustrious",
        "IllustriousXL v1|Illustrious",
        "IL|Illustrious",
        "NoobAI (IL)|Illustrious",
        "il-2.0|Illustrious",
        "Pony|Pony",
        "Pony V7|Pony",
        "SD 1.5|SD 1.5",
        "Flux.1 S|Flux.1 S",
      })
  void mapsAsTheReference(String civitai, String expected) {
    assertThat(BaseModels.normalise(civitai)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ChilloutMix", "Film Grain", "Utility", "Silk 2", "Ilya"})
  void unrelatedNamesContainingIlAreKept(String civitai) {
    assertThat(BaseModels.normalise(civitai)).isEqualTo(civitai);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void nothingIsUnknown(String civitai) {
    assertThat(BaseModels.normalise(civitai)).isEqualTo("Unknown");
  }
}
