package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line of downloads waiting for a transfer slot, single-threaded (no wait is ever due). */
class DownloadSlotsTest {

  private static DownloadTask task(String id) {
    return new DownloadTask(id, new DownloadSpec(null, 1L, null, "", false, false, id, null, null));
  }

  @Test
  void slotsGoInArrivalOrderUpToTheLimit() throws InterruptedException {
    DownloadSlots slots = new DownloadSlots(2);
    DownloadTask a = task("a");
    DownloadTask b = task("b");
    DownloadTask c = task("c");
    DownloadTask d = task("d");

    assertThat(slots.take(a, 0)).isTrue();
    assertThat(slots.take(b, 0)).isTrue();
    assertThat(slots.take(c, 0)).isFalse();
    assertThat(slots.take(d, 0)).isFalse();
    assertThat(slots.used()).isEqualTo(2);

    slots.release();
    assertThat(slots.take(d, 0)).as("c is ahead of d").isFalse();
    assertThat(slots.take(c, 0)).isTrue();
    assertThat(slots.take(d, 0)).isFalse();
    slots.release();
    assertThat(slots.take(d, 0)).isTrue();
  }

  @Test
  void waitersJoinedAtTheStartGoInJoinOrderWhateverOrderTheyAskIn() throws InterruptedException {
    DownloadSlots slots = new DownloadSlots(1);
    DownloadTask first = task("first");
    DownloadTask second = task("second");
    slots.join(first);
    slots.join(second);

    assertThat(slots.take(second, 0)).as("first joined earlier").isFalse();
    assertThat(slots.take(first, 0)).isTrue();
    slots.release();
    assertThat(slots.take(second, 0)).isTrue();
  }

  @Test
  void aLaterWaiterTakesAFreeSlotWhileAnEarlierOneHasNotAskedYet() throws InterruptedException {
    DownloadSlots slots = new DownloadSlots(2);
    DownloadTask first = task("first");
    DownloadTask second = task("second");
    slots.join(first);
    slots.join(second);

    assertThat(slots.take(second, 0)).as("a slot is left for first").isTrue();
    assertThat(slots.take(first, 0)).isTrue();
  }

  @Test
  void aPausedWaiterKeepsItsPlaceButTakesNoSlot() throws InterruptedException {
    DownloadSlots slots = new DownloadSlots(1);
    DownloadTask a = task("a");
    DownloadTask b = task("b");
    DownloadTask c = task("c");
    assertThat(slots.take(a, 0)).isTrue();
    assertThat(slots.take(b, 0)).isFalse();
    assertThat(slots.take(c, 0)).isFalse();
    b.control.pause();

    slots.release();
    assertThat(slots.take(b, 0)).as("paused").isFalse();
    assertThat(slots.take(c, 0)).as("the paused b is passed over").isTrue();

    b.control.resume();
    assertThat(slots.take(b, 0)).isFalse();
    slots.release();
    assertThat(slots.take(b, 0)).isTrue();
  }

  @Test
  void aStoppedWaiterNeitherTakesNorBlocks() throws InterruptedException {
    DownloadSlots slots = new DownloadSlots(1);
    DownloadTask a = task("a");
    DownloadTask b = task("b");
    DownloadTask c = task("c");
    assertThat(slots.take(a, 0)).isTrue();
    assertThat(slots.take(b, 0)).isFalse();
    assertThat(slots.take(c, 0)).isFalse();
    b.control.cancel();
    slots.release();

    assertThat(slots.take(c, 0)).isTrue();
    slots.leave(b);
    slots.release();
    assertThat(slots.used()).isZero();
  }

  @Test
  void raisingTheLimitAdmitsWaitersAndLoweringItLetsRunningOnesFinish()
      throws InterruptedException {
    DownloadSlots slots = new DownloadSlots(1);
    DownloadTask a = task("a");
    DownloadTask b = task("b");
    DownloadTask c = task("c");
    assertThat(slots.take(a, 0)).isTrue();
    assertThat(slots.take(b, 0)).isFalse();

    slots.resize(2);
    assertThat(slots.limit()).isEqualTo(2);
    assertThat(slots.take(b, 0)).isTrue();

    slots.resize(1);
    assertThat(slots.used()).isEqualTo(2);
    assertThat(slots.take(c, 0)).isFalse();
    slots.release();
    assertThat(slots.take(c, 0)).as("one still runs: at the limit").isFalse();
    slots.release();
    assertThat(slots.take(c, 0)).isTrue();
  }

  @Test
  void theLimitIsAtLeastOne() throws InterruptedException {
    DownloadSlots slots = new DownloadSlots(0);
    assertThat(slots.limit()).isEqualTo(1);
    slots.resize(-3);
    assertThat(slots.limit()).isEqualTo(1);
    assertThat(slots.take(task("a"), 0)).isTrue();
  }
}
