package io.loramanager.library;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The {@code license_flags} bit set of anchor-library §1.5, built from Civitai's {@code model}
 * license fields with the reference defaults (all missing → 113).
 */
public final class LicenseFlags {

  public static final int NO_CREDIT = 1;
  public static final int SELL_IMAGES = 1 << 1;
  private static final List<String> COMMERCIAL = List.of("Image", "RentCivit", "Rent", "Sell");
  private static final int DERIVATIVES = 1 << 5;
  private static final int DIFFERENT_LICENSE = 1 << 6;

  private LicenseFlags() {}

  public static int of(JsonNode model) {
    int flags = 0;
    if (bool(model.get("allowNoCredit"))) {
      flags |= NO_CREDIT;
    }
    JsonNode commercial = model.get("allowCommercialUse");
    List<String> uses =
        commercial == null || commercial.isNull()
            ? List.of("Sell")
            : commercial.isArray()
                ? ModelMetadata.strings(commercial)
                : List.of(commercial.asText());
    for (int i = 0; i < COMMERCIAL.size(); i++) {
      if (uses.contains(COMMERCIAL.get(i))) {
        flags |= 1 << (i + 1);
      }
    }
    if (bool(model.get("allowDerivatives"))) {
      flags |= DERIVATIVES;
    }
    if (bool(model.get("allowDifferentLicense"))) {
      flags |= DIFFERENT_LICENSE;
    }
    return flags;
  }

  private static boolean bool(JsonNode value) {
    return value == null || value.isNull() || value.asBoolean(true);
  }
}
