package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Throttling, moving-window speed and ETA, on a hand-driven clock. */
class ProgressMeterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final List<TransferProgress> reports = new ArrayList<>();
  private final ProgressMeter meter =
      new ProgressMeter(reports::add, Duration.ofMillis(500), nanos::get);
  private static final OptionalLong TOTAL = OptionalLong.of(10_000);

  private void at(long millis, long bytes) {
    nanos.set(Duration.ofMillis(millis).toNanos());
    meter.update(bytes, TOTAL);
  }

  @Test
  void reportsAtMostOncePerInterval() {
    at(0, 0);
    at(100, 100);
    at(499, 499);
    at(500, 500);
    at(900, 900);
    at(1000, 1000);

    assertThat(reports)
        .extracting(TransferProgress::bytesDownloaded)
        .containsExactly(0L, 500L, 1000L);
  }

  @Test
  void speedIsMeasuredOverTheWindowAndGivesAnEta() {
    at(0, 0);
    at(1000, 1000);
    at(2000, 3000);

    TransferProgress last = reports.get(2);
    assertThat(last.bytesPerSecond()).isEqualTo(1500.0);
    assertThat(last.etaSeconds()).hasValue(5);
    assertThat(last.percent()).isEqualTo(30.0);
  }

  @Test
  void oldSamplesLeaveTheWindow() {
    at(0, 0);
    at(1000, 5000);
    at(7000, 5600);
    at(8000, 6600);

    // The window now spans 7 s..8 s (samples older than 5 s were dropped): 1000 B/s.
    assertThat(reports.get(3).bytesPerSecond()).isEqualTo(1000.0);
  }

  @Test
  void aStillReportHasNoSpeedAndRestartsTheWindow() {
    at(0, 0);
    at(1000, 1000);
    nanos.set(Duration.ofMillis(1100).toNanos());
    meter.still(1000, TOTAL);
    at(1700, 1300);

    assertThat(reports.get(2))
        .isEqualTo(new TransferProgress(1000, TOTAL, 0, OptionalLong.empty()));
    assertThat(reports.get(3).bytesPerSecond()).isEqualTo(0.0);
  }

  @Test
  void unknownTotalHasNoPercentAndNoEta() {
    nanos.set(0);
    meter.update(0, OptionalLong.empty());
    nanos.set(Duration.ofSeconds(1).toNanos());
    meter.update(100, OptionalLong.empty());

    assertThat(reports.get(1).percent()).isZero();
    assertThat(reports.get(1).etaSeconds()).isEmpty();
    assertThat(reports.get(1).bytesPerSecond()).isEqualTo(100.0);
  }
}
