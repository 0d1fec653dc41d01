package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The reference's early-access wording (anchor-downloads §3.2 steps 11 and 19): the message that
 * replaces a paid or early-access version's download error, and the wrapper of unexpected errors.
 */
class EarlyAccessTest {

  private static final String DATED =
      "This model requires payment (until 2031-04-05). Please ensure you have purchased early"
          + " access and are logged in to Civitai.";
  private static final String PERMANENT =
      "This model requires payment. Please ensure you have purchased access and are logged in to"
          + " Civitai.";
  private static final String UNDATED =
      "This model requires payment. Please ensure you have purchased early access and are logged"
          + " in to Civitai.";

  private static ObjectNode version() {
    return new ObjectMapper().createObjectNode().put("id", 1);
  }

  @Test
  void aPermanentPaidAccessNeedsAPurchase() {
    ObjectNode version = version();
    version.putObject("paidAccess").put("permanent", true).put("endsAt", "2031-04-05T00:00:00Z");

    assertThat(EarlyAccess.paymentMessage(version)).isEqualTo(PERMANENT);
  }

  @Test
  void aPaidAccessWithAnEndSaysUntilThatDay() {
    ObjectNode version = version();
    version.putObject("paidAccess").put("permanent", false).put("endsAt", "2031-04-05T10:00:00Z");

    assertThat(EarlyAccess.paymentMessage(version)).isEqualTo(DATED);
  }

  @Test
  void anEarlyAccessEndSaysUntilThatDay() {
    ObjectNode version = version().put("earlyAccessEndsAt", "2031-04-05T23:59:59.000Z");

    assertThat(EarlyAccess.paymentMessage(version)).isEqualTo(DATED);
  }

  @Test
  void anEndThatIsNoDateGivesTheUndatedMessage() {
    ObjectNode version = version();
    version.putObject("paidAccess").put("endsAt", "soon");

    assertThat(EarlyAccess.paymentMessage(version)).isEqualTo(UNDATED);
  }

  @Test
  void aPaidAccessGivenAsJsonTextCountsLikeTheObject() {
    ObjectNode permanent = version().put("paidAccess", "{\"permanent\": true}");
    ObjectNode dated = version().put("paidAccess", "{\"endsAt\": \"2031-04-05T00:00:00Z\"}");

    assertThat(EarlyAccess.paymentMessage(permanent)).isEqualTo(PERMANENT);
    assertThat(EarlyAccess.paymentMessage(dated)).isEqualTo(DATED);
  }

  @Test
  void aPaidAccessNeitherPermanentNorEndingDoesNotCount() {
    ObjectNode version = version();
    version.putObject("paidAccess").put("permanent", false).putNull("endsAt");

    assertThat(EarlyAccess.paymentMessage(version)).isNull();
  }

  @Test
  void unreadablePaidAccessTextFallsBackToTheEarlyAccessEnd() {
    ObjectNode broken = version().put("paidAccess", "{not json");
    ObjectNode dated = broken.deepCopy().put("earlyAccessEndsAt", "2031-04-05T00:00:00Z");

    assertThat(EarlyAccess.paymentMessage(broken)).isNull();
    assertThat(EarlyAccess.paymentMessage(dated)).isEqualTo(DATED);
  }

  @Test
  void anErrorMentioningAnAccessRefusalIsWrappedOnce() {
    assertThat(EarlyAccess.restriction("Server said 401 Unauthorized"))
        .isEqualTo(
            "Early access restriction: Server said 401 Unauthorized. Please ensure you have"
                + " purchased early access and are logged in to Civitai.");
  }

  @Test
  void anErrorMentioningEarlyAccessInAnyCaseIsWrapped() {
    assertThat(EarlyAccess.restriction("Early Access only"))
        .isEqualTo(
            "Early access restriction: Early Access only. Please ensure you have purchased early"
                + " access and are logged in to Civitai.");
  }

  @Test
  void anyOtherErrorIsLeftAsItIs() {
    assertThat(EarlyAccess.restriction("Disk on fire")).isEqualTo("Disk on fire");
  }
}
