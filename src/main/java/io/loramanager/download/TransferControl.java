package io.loramanager.download;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, resume, cancel or skip one transfer from another thread. A paused transfer stops reading
 * (the connection stays open while the server keeps it); cancel removes the partial file, skip
 * keeps it for a later resume. Waits inside the engine wake up at once on any change.
 */
public final class TransferControl {

  /** Where the transfer stands as far as the user is concerned. */
  public enum State {
    RUNNING,
    PAUSED,
    CANCELLED,
    SKIPPED
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private State state = State.RUNNING;
  private Runnable onStop = () -> {};

  public State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** Pauses; false when already paused or stopped. */
  public boolean pause() {
    return move(State.RUNNING, State.PAUSED);
  }

  /** Resumes; false when not paused. */
  public boolean resume() {
    return move(State.PAUSED, State.RUNNING);
  }

  /** Stops the transfer and removes its partial file; false when already stopped. */
  public boolean cancel() {
    return stop(State.CANCELLED);
  }

  /** Stops the transfer and keeps its partial file; false when already stopped. */
  public boolean skip() {
    return stop(State.SKIPPED);
  }

  public boolean isPaused() {
    return state() == State.PAUSED;
  }

  public boolean isStopped() {
    State now = state();
    return now == State.CANCELLED || now == State.SKIPPED;
  }

  /**
   * Runs {@code action} when the transfer is cancelled or skipped, at once if it already is: the
   * engine closes the connection that a blocking read waits on. Replaces the previous action.
   */
  void onStop(Runnable action) {
    boolean stopped;
    lock.lock();
    try {
      onStop = action;
      stopped = state == State.CANCELLED || state == State.SKIPPED;
    } finally {
      lock.unlock();
    }
    if (stopped) {
      action.run();
    }
  }

  /** Blocks while paused; returns when running again or stopped. */
  void awaitNotPaused() throws InterruptedException {
    lock.lock();
    try {
      while (state == State.PAUSED) {
        changed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits out a backoff delay, returning early when stopped. Pausing extends the wait. */
  void awaitDelay(Duration delay) throws InterruptedException {
    long left = delay.toNanos();
    lock.lock();
    try {
      while ((left > 0 || state == State.PAUSED)
          && state != State.CANCELLED
          && state != State.SKIPPED) {
        if (state == State.PAUSED) {
          changed.await();
        } else {
          left = changed.awaitNanos(left);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean move(State from, State to) {
    lock.lock();
    try {
      if (state != from) {
        return false;
      }
      state = to;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean stop(State to) {
    Runnable action;
    lock.lock();
    try {
      if (state == State.CANCELLED || state == State.SKIPPED) {
        return false;
      }
      state = to;
      changed.signalAll();
      action = onStop;
    } finally {
      lock.unlock();
    }
    action.run(); // outside the lock: closing a socket may take a moment
    return true;
  }
}
