package io.loramanager.recipe.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fingerprint depends on the set of LoRAs, never on their order. */
class FingerprintProperties {

  record Lora(String hash, long versionId, double strength, boolean exclude) {}

  @Property
  void fingerprintIsOrderIndependent(@ForAll("loraLists") List<Lora> loras, @ForAll long seed) {
    List<Lora> shuffled = new ArrayList<>(loras);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(Fingerprint.of(array(shuffled))).isEqualTo(Fingerprint.of(array(loras)));
  }

  @Property
  void excludedLorasNeverChangeTheFingerprint(
      @ForAll("loraLists") List<Lora> loras, @ForAll("loras") Lora extra) {
    List<Lora> more = new ArrayList<>(loras);
    more.add(new Lora(extra.hash(), extra.versionId(), extra.strength(), true));
    assertThat(Fingerprint.of(array(more))).isEqualTo(Fingerprint.of(array(loras)));
  }

  @Provide
  Arbitrary<List<Lora>> loraLists() {
    return loras().list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<Lora> loras() {
    return Combinators.combine(
            Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(12),
            Arbitraries.longs().between(0, 1_000_000),
            Arbitraries.doubles().between(-2, 3).ofScale(3),
            Arbitraries.of(true, false))
        .as(Lora::new);
  }

  private static ArrayNode array(List<Lora> loras) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Lora lora : loras) {
      ObjectNode node = array.addObject();
      node.put("hash", lora.hash());
      node.put("modelVersionId", lora.versionId());
      node.put("strength", lora.strength());
      node.put("exclude", lora.exclude());
    }
    return array;
  }
}
