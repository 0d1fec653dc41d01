package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference's early-access wording (anchor-downloads §3.2 step 19) for unexpected errors. */
class EarlyAccessTest {

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
