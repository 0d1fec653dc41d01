package io.loramanager.library.lifecycle;

import io.loramanager.events.ProgressEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Sends {@code auto_organize_progress} frames and keeps the last one for {@code GET
 * auto-organize-progress} (one for the whole server, as the reference has it).
 */
@ApplicationScoped
public class OrganizeProgress {

  private final ProgressEvents events;
  private volatile OrganizeProgressFrame last;

  @Inject
  public OrganizeProgress(ProgressEvents events) {
    this.events = events;
  }

  void send(OrganizeProgressFrame frame) {
    last = frame;
    events.broadcast(frame);
  }

  /** The last frame sent, if any auto-organize ran since start-up. */
  public Optional<OrganizeProgressFrame> last() {
    return Optional.ofNullable(last);
  }
}
