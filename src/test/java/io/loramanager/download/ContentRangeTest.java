package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Parsing {@code Content-Range} of 206 answers. */
class ContentRangeTest {

  @Test
  void readsStartEndAndTotal() {
    assertThat(ContentRange.parse("bytes 3-5/6"))
        .contains(new ContentRange(3, 5, OptionalLong.of(6)));
  }

  @Test
  void anUnknownTotalIsEmpty() {
    assertThat(ContentRange.parse("bytes 10-19/*"))
        .contains(new ContentRange(10, 19, OptionalLong.empty()));
  }

  @Test
  void malformedValuesAreRejected() {
    assertThat(ContentRange.parse("bytes */100")).isEmpty();
    assertThat(ContentRange.parse("items 1-2/3")).isEmpty();
    assertThat(ContentRange.parse("bytes 9-3/10")).isEmpty();
    assertThat(ContentRange.parse("bytes 1-99999999999999999999/3")).isEmpty();
  }
}
