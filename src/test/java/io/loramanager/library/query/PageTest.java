package io.loramanager.library.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {

  private static final List<Integer> FORTY_FIVE = IntStream.range(0, 45).boxed().toList();

  @Test
  void totalPagesRoundsUp() {
    assertThat(new Page<>(List.of(), 0, 1, 20).totalPages()).isZero();
    assertThat(new Page<>(List.of(), 1, 1, 20).totalPages()).isEqualTo(1);
    assertThat(new Page<>(List.of(), 20, 1, 20).totalPages()).isEqualTo(1);
    assertThat(new Page<>(List.of(), 21, 1, 20).totalPages()).isEqualTo(2);
    assertThat(new Page<>(List.of(), 45, 1, 20).totalPages()).isEqualTo(3);
  }

  @Test
  void sliceTakesTheOneBasedPage() {
    Page<Integer> second = Page.slice(FORTY_FIVE, 2, 20);

    assertThat(second.items()).containsExactlyElementsOf(IntStream.range(20, 40).boxed().toList());
    assertThat(second.total()).isEqualTo(45);
    assertThat(second.page()).isEqualTo(2);
    assertThat(second.pageSize()).isEqualTo(20);
  }

  @Test
  void theLastPageIsPartial() {
    assertThat(Page.slice(FORTY_FIVE, 3, 20).items()).containsExactly(40, 41, 42, 43, 44);
  }

  @Test
  void aPageBeyondTheEndIsEmptyButKeepsTheTotal() {
    Page<Integer> beyond = Page.slice(FORTY_FIVE, 4, 20);

    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(45);
    assertThat(beyond.totalPages()).isEqualTo(3);
  }

  @Test
  void aHugePageNumberDoesNotOverflow() {
    assertThat(Page.slice(FORTY_FIVE, Integer.MAX_VALUE, 100).items()).isEmpty();
  }

  @Test
  void anEmptyListHasNoPages() {
    Page<Integer> page = Page.slice(List.of(), 1, 20);

    assertThat(page.items()).isEmpty();
    assertThat(page.totalPages()).isZero();
  }
}
