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
   * Takes a slot for {@code waiter} if one is free after a slot for each waiter ahead of it that
   * may take one (paused or stopped waiters may not), waiting up to {@code millis}; the waiter
   * joins the line on its first call (unless it {@link #join joined} already) and keeps its place.
   *
   * @return true when the slot is taken (release it later), false when the time ran out
   */
  synchronized boolean take(DownloadTask waiter, long millis) throws InterruptedException {
    join(waiter);
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (true) {
      if (ready(waiter) && used + readyAhead(waiter) < limit) {
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

  /**
   * The waiters ahead of {@code waiter} that may take a slot (not paused, not stopped): a free slot
   * is left for each of them, so a download started later never overtakes one started earlier, yet
   * none waits while there are slots enough for all ahead of it.
   */
  private int readyAhead(DownloadTask waiter) {
    int ready = 0;
    for (DownloadTask ahead : line) {
      if (ahead == waiter) {
        break;
      }
      if (ready(ahead)) {
        ready++;
      }
    }
    return ready;
  }

  private static boolean ready(DownloadTask waiter) {
    return !waiter.control.isPaused() && !waiter.control.isStopped();
  }
}
