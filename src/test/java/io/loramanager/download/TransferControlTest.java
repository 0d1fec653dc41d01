package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** State changes of the control and the waits they wake. */
class TransferControlTest {

  private final TransferControl control = new TransferControl();

  @Test
  void pauseAndResumeOnlyFromTheRightState() {
    assertThat(control.resume()).isFalse();
    assertThat(control.pause()).isTrue();
    assertThat(control.pause()).isFalse();
    assertThat(control.isPaused()).isTrue();
    assertThat(control.resume()).isTrue();
    assertThat(control.state()).isEqualTo(TransferControl.State.RUNNING);
  }

  @Test
  void aStoppedControlStaysStopped() {
    assertThat(control.skip()).isTrue();
    assertThat(control.cancel()).isFalse();
    assertThat(control.pause()).isFalse();
    assertThat(control.state()).isEqualTo(TransferControl.State.SKIPPED);
    assertThat(control.isStopped()).isTrue();
  }

  @Test
  void resumeWakesAPausedWait() {
    control.pause();
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () -> {
              try {
                control.awaitNotPaused();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(waiting).isNotDone();

    control.resume();

    await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
  }

  @Test
  void cancelCutsABackoffShort() {
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () -> {
              try {
                control.awaitDelay(Duration.ofMinutes(10));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    control.cancel();

    await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
  }

  @Test
  void backoffDoublesFromTheBaseDelay() {
    TransferSettings settings =
        new TransferSettings(
            5,
            Duration.ofSeconds(2),
            Duration.ofSeconds(60),
            Duration.ofSeconds(300),
            Duration.ofSeconds(120),
            Duration.ofMillis(500),
            TransferSettings.DEFAULT_BUFFER_BYTES);

    assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(32));
    assertThat(settings.backoff(30)).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.maxAttempts()).isEqualTo(6);
  }
}
