package io.loramanager.testsupport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Civitai ids no earlier test run has used: the test database ({@code target/test-data}) outlives a
 * run, and the downloaded-version history it holds must not make a re-run see old marks.
 */
public final class UniqueIds {

  // Milliseconds at class load, times 1000: a later run starts past every id an earlier one used.
  private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() * 1000);

  private UniqueIds() {}

  /** A fresh id; the {@code span - 1} ids after it are the caller's too. */
  public static long next(int span) {
    return NEXT.getAndAdd(span);
  }
}
