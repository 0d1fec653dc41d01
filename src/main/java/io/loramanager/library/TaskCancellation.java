package io.loramanager.library;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code cancel-task} of a type: the long operations that run now (scan, bulk delete, bulk move,
 * auto-organize) each hold a {@link Task} and look at it between files. A request stops every task
 * of the type that is running; one made while none runs is dropped, never kept for the next.
 */
@ApplicationScoped
public class TaskCancellation {

  private final Set<Task> running = ConcurrentHashMap.newKeySet();

  /** One running operation; close it when the operation ends. */
  public final class Task implements AutoCloseable {
    private final ModelType type;
    private volatile boolean cancelled;

    private Task(ModelType type) {
      this.type = type;
    }

    public boolean cancelled() {
      return cancelled;
    }

    @Override
    public void close() {
      running.remove(this);
    }
  }

  /** Registers an operation on models of {@code type}. */
  public Task start(ModelType type) {
    Task task = new Task(type);
    running.add(task);
    return task;
  }

  /** Asks every running operation of {@code type} to stop before its next file. */
  public void requestCancel(ModelType type) {
    for (Task task : running) {
      if (task.type == type) {
        task.cancelled = true;
      }
    }
  }
}
