package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

/** Bits: 0 no credit, 1 Image, 2 RentCivit, 3 Rent, 4 Sell, 5 derivatives, 6 other license. */
class LicenseFlagsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static int flags(String modelJson) throws Exception {
    return LicenseFlags.of(MAPPER.readTree(modelJson));
  }

  @Test
  void allFieldsMissingGive113() throws Exception {
    assertThat(flags("{}")).isEqualTo(113);
    assertThat(LicenseFlags.of(MissingNode.getInstance())).isEqualTo(113);
  }

  @Test
  void nullFieldsCountAsMissing() throws Exception {
    assertThat(
            flags(
                "{\"allowNoCredit\":null,\"allowCommercialUse\":null,"
                    + "\"allowDerivatives\":null,\"allowDifferentLicense\":null}"))
        .isEqualTo(113);
  }

  @Test
  void creditRequiredClearsBitZero() throws Exception {
    assertThat(flags("{\"allowNoCredit\":false}")).isEqualTo(112);
  }

  @Test
  void eachCommercialUseSetsItsOwnBit() throws Exception {
    assertThat(flags("{\"allowCommercialUse\":[\"Image\"]}")).isEqualTo(1 | 2 | 32 | 64);
    assertThat(flags("{\"allowCommercialUse\":[\"RentCivit\"]}")).isEqualTo(1 | 4 | 32 | 64);
    assertThat(flags("{\"allowCommercialUse\":[\"Rent\"]}")).isEqualTo(1 | 8 | 32 | 64);
    assertThat(flags("{\"allowCommercialUse\":[\"Sell\"]}")).isEqualTo(1 | 16 | 32 | 64);
  }

  @Test
  void everyCommercialUseAndEveryPermissionGive127() throws Exception {
    assertThat(flags("{\"allowCommercialUse\":[\"Sell\",\"Rent\",\"RentCivit\",\"Image\"]}"))
        .isEqualTo(127);
  }

  @Test
  void noCommercialUseClearsBitsOneToFour() throws Exception {
    assertThat(flags("{\"allowCommercialUse\":[]}")).isEqualTo(97);
    assertThat(flags("{\"allowCommercialUse\":\"None\"}")).isEqualTo(97);
  }

  @Test
  void aSingleStringCommercialUseIsOneValue() throws Exception {
    assertThat(flags("{\"allowCommercialUse\":\"Image\"}")).isEqualTo(99);
  }

  @Test
  void derivativesAndDifferentLicenseEachClearTheirBit() throws Exception {
    assertThat(flags("{\"allowDerivatives\":false}")).isEqualTo(113 - 32);
    assertThat(flags("{\"allowDifferentLicense\":false}")).isEqualTo(113 - 64);
  }

  @Test
  void theRestrictiveLicenseIsZero() throws Exception {
    JsonNode model =
        MAPPER.readTree(
            "{\"allowNoCredit\":false,\"allowCommercialUse\":[],"
                + "\"allowDerivatives\":false,\"allowDifferentLicense\":false}");

    assertThat(LicenseFlags.of(model)).isZero();
  }

  @Test
  void publicBitsMatchTheFilterMeaning() {
    assertThat(LicenseFlags.NO_CREDIT).isEqualTo(1);
    assertThat(LicenseFlags.SELL_IMAGES).isEqualTo(2);
  }
}
