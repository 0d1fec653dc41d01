package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The unique-name rule: NAME, NAME-sha4, NAME-sha4-1, NAME-sha4-2, … */
class UniqueNamesTest {

  private static final String SHA = "abcd" + "0".repeat(60);

  @Test
  void aFreeNameIsKept() {
    assertThat(UniqueNames.choose("foo", SHA, name -> true)).isEqualTo("foo");
  }

  @Test
  void aTakenNameGetsTheShaPrefix() {
    assertThat(UniqueNames.choose("foo", SHA, name -> !name.equals("foo"))).isEqualTo("foo-abcd");
  }

  @Test
  void thenACounterFromOne() {
    Set<String> taken = Set.of("foo", "foo-abcd");
    assertThat(UniqueNames.choose("foo", SHA, name -> !taken.contains(name)))
        .isEqualTo("foo-abcd-1");
  }

  @Test
  void theCounterGoesOnUntilFree() {
    Set<String> taken = Set.of("foo", "foo-abcd", "foo-abcd-1");
    assertThat(UniqueNames.choose("foo", SHA, name -> !taken.contains(name)))
        .isEqualTo("foo-abcd-2");
  }

  @Test
  void anUnknownShaUsesZeros() {
    assertThat(UniqueNames.choose("foo", "", name -> !name.equals("foo"))).isEqualTo("foo-0000");
    assertThat(UniqueNames.choose("foo", null, name -> !name.equals("foo"))).isEqualTo("foo-0000");
  }
}
