package io.loramanager.library.lifecycle;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated lifecycle operations for {@link LifecycleSequenceProperties}. An operation names
 * models, folders and batches by index; the index is taken modulo what exists when it runs, so that
 * any generated sequence can run against any library.
 */
final class LifecycleOps {

  /** Few names, so that renames and moves collide often. */
  static final List<String> NAMES = List.of("same", "other", "Same", "same-0");

  /** Target folders besides those of the models: the root and two new ones. */
  static final List<String> NEW_FOLDERS = List.of("", "moved", "moved/deeper");

  private LifecycleOps() {}

  /** One operation of a sequence. */
  sealed interface Op {}

  /**
   * Renames a model to {@code NAMES[name]}, or (for {@code name >= NAMES.size()}) to the base name
   * of one of the next models in path order.
   */
  record Rename(int model, int name) implements Op {}

  /** Moves a model to {@code NEW_FOLDERS[folder]}, or (beyond) to the folder of another model. */
  record Move(int model, int folder) implements Op {}

  record MoveBulk(List<Integer> models, int folder) implements Op {}

  record Delete(int model) implements Op {}

  record DeleteBulk(List<Integer> models) implements Op {}

  /** Undoes one of the batches deleted so far in the sequence (possibly one already undone). */
  record Undo(int batch) implements Op {}

  /** A full rescan, as a user or the watcher would start between operations. */
  record Rescan() implements Op {}

  static Arbitrary<List<Op>> sequences() {
    return op().list().ofMinSize(6).ofMaxSize(18);
  }

  private static Arbitrary<Op> op() {
    Arbitrary<Integer> model = Arbitraries.integers().between(0, 1000);
    Arbitrary<Integer> name = Arbitraries.integers().between(0, NAMES.size() + 2);
    Arbitrary<Integer> folder = Arbitraries.integers().between(0, NEW_FOLDERS.size() + 2);
    Arbitrary<List<Integer>> models = model.list().ofMinSize(1).ofMaxSize(5);
    return Arbitraries.frequencyOf(
        Tuple.of(4, Combinators.combine(model, name).<Op>as(Rename::new)),
        Tuple.of(4, Combinators.combine(model, folder).<Op>as(Move::new)),
        Tuple.of(2, Combinators.combine(models, folder).<Op>as(MoveBulk::new)),
        Tuple.of(3, model.<Op>map(Delete::new)),
        Tuple.of(2, models.<Op>map(DeleteBulk::new)),
        Tuple.of(4, Arbitraries.integers().between(0, 1000).<Op>map(Undo::new)),
        Tuple.of(1, Arbitraries.<Op>just(new Rescan())));
  }
}
