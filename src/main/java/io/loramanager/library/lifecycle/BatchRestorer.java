package io.loramanager.library.lifecycle;

/**
 * Undoes pending-delete batches of one kind other than models (recipes stage their files through
 * {@link PendingDeletes#stageRecipes}). Implemented by the capability that staged them, so that the
 * library never depends on it; {@code POST /api/lm/undo-delete} reaches it through {@link
 * DeleteUndo}.
 */
public interface BatchRestorer {

  /** The manifest kind this restorer owns. */
  String kind();

  /** Restores the batch (via {@link PendingDeletes#restore}) and re-reads what came back. */
  PendingDeletes.Restored undo(String batchId);
}
