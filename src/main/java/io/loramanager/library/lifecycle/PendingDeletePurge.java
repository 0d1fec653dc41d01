package io.loramanager.library.lifecycle;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;

/** Runs the clean-up of {@link PendingDeletes}: every 10 s, and once over the roots at start-up. */
@ApplicationScoped
public class PendingDeletePurge {

  private final PendingDeletes pending;
  private final Clock clock;

  @Inject
  public PendingDeletePurge(PendingDeletes pending, Clock clock) {
    this.pending = pending;
    this.clock = clock;
  }

  /** Before the library's start-up scan, so that rolled-back files are catalogued by it. */
  void onStart(@Observes @Priority(100) StartupEvent event) {
    pending.sweep(clock.instant());
  }

  @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void purgeExpired() {
    pending.purgeExpired(clock.instant());
  }
}
