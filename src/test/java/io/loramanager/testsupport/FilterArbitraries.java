package io.loramanager.testsupport;

import io.loramanager.library.query.ModelFilters;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated single-filter queries, one family per list filter, over the value pools of {@link
 * Entries#entries()} (so filters do match something).
 */
public final class FilterArbitraries {

  /** One filter, applied to a query builder; its name shows in jqwik's reports. */
  public record Filter(String name, Consumer<Queries> apply) {
    public Queries applyTo(Queries q) {
      apply.accept(q);
      return q;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<String> FOLDERS = List.of("", "a", "a/b", "A", "b", "b/c d", "/a/");
  private static final List<String> TAGS =
      List.of("style", "STYLE", "anime", "photo", "concept", "absent", ModelFilters.NO_TAGS);
  private static final List<String> BASES = List.of("SD 1.5", "SDXL 1.0", "Flux.1 D", "Pony");
  private static final List<String> WORDS =
      List.of("alpha", "beta", "v2", "v1", "9", "gama", "bob", "anime", "ALICE", "x", "m-");

  private FilterArbitraries() {}

  private static Arbitrary<List<String>> some(List<String> pool) {
    return Arbitraries.of(pool).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
  }

  private static Arbitrary<Boolean> bool() {
    return Arbitraries.of(true, false);
  }

  /**
   * Each family of filter. {@code folder} and {@code folder_include} both read {@code recursive},
   * so they are one family: two different families never touch the same query field.
   */
  public static List<Arbitrary<Filter>> families() {
    return List.of(
        Combinators.combine(Arbitraries.of(FOLDERS), some(FOLDERS), bool(), bool())
            .as(
                (f, fs, include, rec) ->
                    include
                        ? new Filter(
                            "folder_include=" + fs + ",recursive=" + rec,
                            q -> q.folderInclude(arr(fs)).recursive(rec))
                        : new Filter("folder=" + f + ",recursive=" + rec, q -> q.folder(f, rec))),
        some(FOLDERS).map(fs -> new Filter("folder_exclude=" + fs, q -> q.folderExclude(arr(fs)))),
        some(BASES).map(bs -> new Filter("base_model=" + bs, q -> q.baseModels(arr(bs)))),
        Combinators.combine(some(TAGS), bool())
            .as(
                (ts, all) ->
                    new Filter(
                        "tag_include=" + ts + ",all=" + all,
                        q -> q.tagInclude(arr(ts)).tagLogicAll(all))),
        some(TAGS).map(ts -> new Filter("tag_exclude=" + ts, q -> q.tagExclude(arr(ts)))),
        some(List.of("lora", "LoCon", "dora", "checkpoint"))
            .map(ts -> new Filter("model_type=" + ts, q -> q.modelTypes(arr(ts)))),
        some(List.of("HIGH", "Turbo", "I2V"))
            .map(ts -> new Filter("auto_tag_include=" + ts, q -> q.autoTagInclude(arr(ts)))),
        some(List.of("high", "turbo"))
            .map(ts -> new Filter("auto_tag_exclude=" + ts, q -> q.autoTagExclude(arr(ts)))),
        Arbitraries.just(new Filter("favorites_only", q -> q.favoritesOnly(true))),
        Combinators.combine(Arbitraries.of(WORDS), bool(), bool(), bool(), bool(), bool())
            .as(
                (w, fuzzy, file, model, tags, creator) ->
                    new Filter(
                        "search="
                            + w
                            + ",fuzzy="
                            + fuzzy
                            + ",fields="
                            + file
                            + model
                            + tags
                            + creator,
                        q -> q.search(w).fuzzy(fuzzy).searchFields(file, model, tags, creator))),
        Combinators.combine(
                Arbitraries.of(WORDS).list().ofMaxSize(2),
                Arbitraries.of("beta", "[v", "^a", "x").list().ofMaxSize(2),
                bool())
            .as(
                (inc, exc, regex) ->
                    new Filter(
                        "name_patterns=" + inc + "/" + exc + ",regex=" + regex,
                        q -> q.namePatterns(inc, exc, regex))),
        Arbitraries.of("A", "B", "G", "#", "@")
            .map(l -> new Filter("first_letter=" + l, q -> q.firstLetter(l))),
        bool().map(b -> new Filter("credit_required=" + b, q -> q.creditRequired(b))),
        bool().map(b -> new Filter("allow_selling=" + b, q -> q.allowSelling(b))));
  }

  /** Any single filter, or none. */
  public static Arbitrary<Filter> anyOrNone() {
    return Arbitraries.oneOf(
        Arbitraries.oneOf(families()), Arbitraries.just(new Filter("none", q -> {})));
  }

  /** Two filters of different families. */
  public static Arbitrary<List<Filter>> twoOfDifferentFamilies() {
    List<Arbitrary<Filter>> families = families();
    return Arbitraries.integers()
        .between(0, families.size() - 1)
        .list()
        .ofSize(2)
        .uniqueElements()
        .flatMap(
            ix ->
                Combinators.combine(families.get(ix.get(0)), families.get(ix.get(1))).as(List::of));
  }

  private static String[] arr(List<String> values) {
    return values.toArray(String[]::new);
  }
}
