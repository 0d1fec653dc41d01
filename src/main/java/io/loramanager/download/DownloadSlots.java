package io.loramanager.download;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The transfer slots of the download manager: at most {@code limit} downloads hold one, the others
 * wait in line in arrival order. Unlike a semaphore the limit can change while downloads run
 * (lowering it lets running downloads finish; raising it lets waiting ones in at once), and a
 * waiter that is not ready (paused) keeps its place without blocking those behind it.
 */
final class DownloadSlots {

  private final Deque<DownloadTask> line = new ArrayDeque<>();
  private int limit;
  private int used;

  DownloadSlots(int limit) {
    this.limit = Math.max(1, limit);
  }

  /**
   * Takes a slot for {@code waiter} if one is free and no waiter ahead of it may take one (paused
   * or stopped waiters may not), waiting up to {@code millis}; the waiter joins the line on its
   * first call and keeps its place.
   *
   * @return true when the slot is taken (release it later), false when the time ran out
   */
  synchronized boolean take(DownloadTask waiter, long millis) throws InterruptedException {
    join(waiter);
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (true) {
      if (used < limit && firstReady() == waiter) {
        line.remove(waiter);
        used++;
        notifyAll();
        return true;
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
  }

  /**
   * Joins the line now, so that downloads queue up in the order they were started, not in the order
   * their worker threads happen to run.
   */
  synchronized void join(DownloadTask waiter) {
    if (!line.contains(waiter)) {
      line.addLast(waiter);
    }
  }

  /** Leaves the line without a slot (the download was stopped while waiting). */
  synchronized void leave(DownloadTask waiter) {
    line.remove(waiter);
    notifyAll();
  }

  synchronized void release() {
    used--;
    notifyAll();
  }

  /** Changes the limit; downloads beyond a lowered limit finish, none is interrupted. */
  synchronized void resize(int newLimit) {
    limit = Math.max(1, newLimit);
    notifyAll();
  }

  synchronized int limit() {
    return limit;
  }

  /** Slots taken now. */
  synchronized int used() {
    return used;
  }

  private DownloadTask firstReady() {
    for (DownloadTask waiter : line) {
      if (!waiter.control.isPaused() && !waiter.control.isStopped()) {
        return waiter;
      }
    }
    return null;
  }
}
