package io.loramanager.download;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns byte counts into throttled {@link TransferProgress} reports: at most one per interval,
 * speed over a moving window of the last five seconds, ETA from that speed.
 */
final class ProgressMeter {

  static final Duration WINDOW = Duration.ofSeconds(5);

  private record Sample(long nanos, long bytes) {}

  private final Consumer<TransferProgress> listener;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private long lastReport = Long.MIN_VALUE;

  ProgressMeter(Consumer<TransferProgress> listener, Duration interval, LongSupplier nanoClock) {
    this.listener = listener;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Records the count; reports it when the interval has passed since the last report. */
  void update(long bytes, OptionalLong total) {
    long now = nanoClock.getAsLong();
    if (lastReport != Long.MIN_VALUE && now - lastReport < intervalNanos) {
      return;
    }
    lastReport = now;
    samples.addLast(new Sample(now, bytes));
    while (samples.size() > 2 && now - samples.peekFirst().nanos() > WINDOW.toNanos()) {
      samples.removeFirst();
    }
    double speed = speed();
    listener.accept(new TransferProgress(bytes, total, speed, eta(bytes, total, speed)));
  }

  /** Reports a paused or finished state: the count with speed 0. Restarts the speed window. */
  void still(long bytes, OptionalLong total) {
    samples.clear();
    lastReport = nanoClock.getAsLong();
    listener.accept(new TransferProgress(bytes, total, 0, OptionalLong.empty()));
  }

  /** Forgets the window (after a pause or reconnect, the old samples say nothing). */
  void restartWindow() {
    samples.clear();
    lastReport = Long.MIN_VALUE;
  }

  private double speed() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    long nanos = last.nanos() - first.nanos();
    return nanos <= 0 ? 0 : (last.bytes() - first.bytes()) * 1e9 / nanos;
  }

  private static OptionalLong eta(long bytes, OptionalLong total, double speed) {
    if (total.isEmpty() || speed <= 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) Math.ceil(Math.max(0, total.getAsLong() - bytes) / speed));
  }
}
