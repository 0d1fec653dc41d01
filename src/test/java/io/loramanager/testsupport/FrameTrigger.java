package io.loramanager.testsupport;

import io.loramanager.events.Broadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Lets a test act at an exact point of a server-side run: the first broadcast frame that matches
 * runs the action on the sending thread, before the run goes on (a cancel-task request, a second
 * request that must be refused). Does nothing unless a test armed it; it never blocks the run.
 */
@ApplicationScoped
public class FrameTrigger {

  private record Armed(Predicate<Object> when, Runnable action) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();

  /** Runs {@code action} once, on the first frame payload {@code when} accepts. */
  public void once(Predicate<Object> when, Runnable action) {
    armed.set(new Armed(when, action));
  }

  public void disarm() {
    armed.set(null);
  }

  void on(@Observes Broadcast broadcast) {
    Armed current = armed.get();
    if (current != null
        && current.when().test(broadcast.payload())
        && armed.compareAndSet(current, null)) {
      current.action().run();
    }
  }
}
