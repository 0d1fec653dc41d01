package io.loramanager.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Settings of the one shared JSON mapper: decimals are written plainly ({@code 1700000000.5}, not
 * {@code 1.7000000005E9}), as the reference's files and responses have them; and documents nested
 * deeper than {@link #MAX_NESTING_DEPTH} are refused (a request body like that is an attack, not
 * data: sidecars, recipes and ComfyUI workflows stay far below it).
 */
@Singleton
public class JsonMapperSettings implements ObjectMapperCustomizer {

  /** Deepest nesting of arrays and objects a JSON document may have (Jackson allows 1000). */
  public static final int MAX_NESTING_DEPTH = 100;

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    // Trees keep decimals exactly, so a sidecar re-saved by us keeps its numbers as written.
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
  }

  /** An epoch-seconds value as a decimal that is written plainly. */
  public static java.math.BigDecimal plain(double value) {
    return new java.math.BigDecimal(Double.toString(value));
  }
}
