package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link UniqueNames#choose} never returns a taken name, and returns the first free name of the
 * reference's order: {@code NAME}, {@code NAME-<sha4>}, {@code NAME-<sha4>-1}, {@code -2}, …
 */
class UniqueNamesProperties {

  @Property(tries = 500)
  void theChoiceIsTheFirstFreeNameInTheReferenceOrder(
      @ForAll("bases") String base,
      @ForAll("shas") String sha,
      @ForAll @IntRange(min = 0, max = 12) int takenInOrder,
      @ForAll("strayNames") Set<String> alsoTaken) {
    List<String> order = order(base, sha, takenInOrder + 1);
    // The first takenInOrder names are taken, plus names that may or may not be in the order.
    Set<String> taken = new java.util.HashSet<>(order.subList(0, takenInOrder));
    alsoTaken.forEach(stray -> taken.add(base + stray));

    String chosen = UniqueNames.choose(base, sha, name -> !taken.contains(name));

    Statistics.collect(chosen.equals(base) ? "kept" : "renamed");
    assertThat(taken).doesNotContain(chosen);
    List<String> candidates = order(base, sha, takenInOrder + alsoTaken.size() + 2);
    int index = candidates.indexOf(chosen);
    assertThat(index).as("%s is in the reference order", chosen).isNotNegative();
    assertThat(candidates.subList(0, index)).allMatch(taken::contains);
  }

  /** The candidate names in the order the rule tries them. */
  private static List<String> order(String base, String sha, int count) {
    String sha4 = sha == null || sha.length() < 4 ? "0000" : sha.substring(0, 4);
    List<String> names = new ArrayList<>();
    names.add(base);
    names.add(base + "-" + sha4);
    for (int n = 1; names.size() < count; n++) {
      names.add(base + "-" + sha4 + "-" + n);
    }
    return names.subList(0, Math.min(count, names.size()));
  }

  @Provide
  Arbitrary<String> bases() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars("-_. ").ofMinLength(1).ofMaxLength(12),
        Arbitraries.of("foo", "foo-abcd", "foo-abcd-1", "a-0000"));
  }

  @Provide
  Arbitrary<String> shas() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
            Arbitraries.of("abcd0000", "", "ab"))
        .injectNull(0.1);
  }

  @Provide
  Arbitrary<Set<String>> strayNames() {
    return Arbitraries.of("-abcd", "-0000", "-abcd-1", "-abcd-2", "-1", ".v2", "-abcd-10")
        .set()
        .ofMaxSize(4);
  }
}
