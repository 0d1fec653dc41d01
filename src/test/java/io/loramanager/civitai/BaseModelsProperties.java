package io.loramanager.civitai;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Base-model normalisation is total: any text gives a name, and a table name maps to itself. */
class BaseModelsProperties {

  @Property
  void everyInputGivesANonBlankName(@ForAll String civitai) {
    String normalised = BaseModels.normalise(civitai);
    assertThat(normalised).isNotNull().isNotBlank();
    if (!civitai.isBlank()) {
      boolean mapped = BaseModels.RULES.stream().anyMatch(r -> r.result().equals(normalised));
      assertThat(mapped || normalised.equals(civitai)).isTrue();
    }
  }

  @Property
  void normalisingIsIdempotent(@ForAll String civitai) {
    String once = BaseModels.normalise(civitai);
    assertThat(BaseModels.normalise(once)).isEqualTo(once);
  }
}
