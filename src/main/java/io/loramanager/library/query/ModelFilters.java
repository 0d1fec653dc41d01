package io.loramanager.library.query;

import io.loramanager.library.LicenseFlags;
import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The list filters of anchor-library §3.3 and §3.2 step 6, in the reference order, combined into
 * one predicate. Each filter is absent from the chain when its parameter is.
 */
public final class ModelFilters {

  public static final String NO_TAGS = "__no_tags__";
  private static final int NSFW_R = 4;

  private ModelFilters() {}

  /** The predicate for a query; {@code showOnlySfw} is the setting of that name. */
  /** The predicate of a query with no filter: {@link #of} returns this very instance. */
  public static final Predicate<QueryRow> MATCH_ALL = r -> true;

  public static Predicate<QueryRow> of(ModelQuery q, boolean showOnlySfw, boolean fileNames) {
    return of(q, showOnlySfw, fileNames, true);
  }

  /**
   * The predicate of every filter but the search term, for a caller that answers the search from a
   * {@link SearchIndex} (only when no hash list is given: hashes bypass every other filter).
   */
  static Predicate<QueryRow> allButSearch(ModelQuery q, boolean showOnlySfw, boolean fileNames) {
    return of(q, showOnlySfw, fileNames, false);
  }

  private static Predicate<QueryRow> of(
      ModelQuery q, boolean showOnlySfw, boolean fileNames, boolean withSearch) {
    if (!q.hashes().isEmpty()) {
      return byHash(q.hashes());
    }
    List<Predicate<QueryRow>> chain = new ArrayList<>();
    if (showOnlySfw) {
      chain.add(r -> r.entry().previewNsfwLevel() < NSFW_R);
    }
    if (q.favoritesOnly()) {
      chain.add(r -> r.entry().favorite());
    }
    for (String excluded : q.folderExclude()) {
      chain.add(r -> !inFolder(r.entry().folder(), excluded, true));
    }
    if (q.folder() != null && !q.folder().isEmpty()) {
      chain.add(r -> inFolder(r.entry().folder(), q.folder(), q.recursive()));
    }
    if (!q.folderInclude().isEmpty()) {
      chain.add(
          r ->
              q.folderInclude().stream()
                  .anyMatch(f -> inFolder(r.entry().folder(), f, q.recursive())));
    }
    if (!q.baseModels().isEmpty()) {
      Set<String> bases = Set.copyOf(q.baseModels());
      chain.add(r -> bases.contains(r.entry().baseModel()));
    }
    addTagFilters(q, chain);
    if (!q.modelTypes().isEmpty()) {
      Set<String> types = lower(q.modelTypes());
      chain.add(r -> types.contains(r.subType()));
    }
    if (!q.autoTagInclude().isEmpty()) {
      Set<String> include = lower(q.autoTagInclude());
      chain.add(
          r -> r.autoTags().stream().anyMatch(t -> include.contains(t.toLowerCase(Locale.ROOT))));
    }
    if (!q.autoTagExclude().isEmpty()) {
      Set<String> exclude = lower(q.autoTagExclude());
      chain.add(
          r -> r.autoTags().stream().noneMatch(t -> exclude.contains(t.toLowerCase(Locale.ROOT))));
    }
    if (withSearch && q.search() != null && !q.search().isBlank()) {
      chain.add(search(q.search(), q.fuzzy(), q.searchFields()));
    }
    if (!q.namePatterns().isEmpty()) {
      chain.add(namePatterns(q.namePatterns()));
    }
    if (q.firstLetter() != null && !q.firstLetter().isEmpty()) {
      chain.add(r -> FirstLetter.of(r.entry().displayName(fileNames)).equals(q.firstLetter()));
    }
    if (q.creditRequired() != null) {
      boolean required = q.creditRequired();
      chain.add(r -> ((r.entry().licenseFlags() & LicenseFlags.NO_CREDIT) == 0) == required);
    }
    if (q.allowSelling() != null) {
      boolean selling = q.allowSelling();
      chain.add(r -> ((r.entry().licenseFlags() & LicenseFlags.SELL_IMAGES) != 0) == selling);
    }
    return all(chain);
  }

  private static Predicate<QueryRow> all(List<Predicate<QueryRow>> chain) {
    if (chain.isEmpty()) {
      return MATCH_ALL;
    }
    @SuppressWarnings("unchecked")
    Predicate<QueryRow>[] filters = chain.toArray(new Predicate[0]);
    return r -> {
      for (Predicate<QueryRow> filter : filters) {
        if (!filter.test(r)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<QueryRow> byHash(List<String> hashes) {
    Set<String> wanted = lower(hashes);
    return r -> {
      ModelEntry e = r.entry();
      return wanted.contains(e.sha256()) || (e.autov3() != null && wanted.contains(e.autov3()));
    };
  }

  /** Exact folder, or (recursive) anything under {@code folder/}; "" matches everything. */
  static boolean inFolder(String entryFolder, String folder, boolean recursive) {
    String wanted = trimSlashes(folder);
    if (wanted.isEmpty()) {
      return recursive || entryFolder.isEmpty();
    }
    return entryFolder.equals(wanted) || (recursive && entryFolder.startsWith(wanted + "/"));
  }

  private static String trimSlashes(String folder) {
    String value = folder.replace('\\', '/');
    while (value.startsWith("/")) {
      value = value.substring(1);
    }
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    return value;
  }

  private static void addTagFilters(ModelQuery q, List<Predicate<QueryRow>> chain) {
    if (!q.tagInclude().isEmpty()) {
      Set<String> include = lower(q.tagInclude());
      boolean noTags = include.remove(NO_TAGS);
      if (q.tagLogicAll()) {
        chain.add(
            r ->
                (noTags && r.tagsLower().isEmpty())
                    || (!include.isEmpty() && r.tagsLower().containsAll(include)));
      } else {
        chain.add(
            r ->
                (noTags && r.tagsLower().isEmpty())
                    || r.tagsLower().stream().anyMatch(include::contains));
      }
    }
    if (!q.tagExclude().isEmpty()) {
      Set<String> exclude = lower(q.tagExclude());
      boolean noTags = exclude.remove(NO_TAGS);
      chain.add(
          r ->
              !(noTags && r.tagsLower().isEmpty())
                  && r.tagsLower().stream().noneMatch(exclude::contains));
    }
  }

  /** Any enabled field matching: substring, or word-fuzzy (see {@link FuzzyMatch}). */
  static Predicate<QueryRow> search(String raw, boolean fuzzy, ModelQuery.SearchFields fields) {
    String term = searchTerm(raw);
    String[] words = term.split("\\s+");
    Predicate<String> matches =
        fuzzy ? text -> FuzzyMatch.matches(text, words) : text -> text.contains(term);
    return r ->
        (fields.fileName() && matches.test(r.fileNameLower()))
            || (fields.modelName() && matches.test(r.modelNameLower()))
            || (fields.tags() && r.tagsLower().stream().anyMatch(matches))
            || (fields.creator() && !r.creatorLower().isEmpty() && matches.test(r.creatorLower()));
  }

  /** The search text as it is matched: trimmed and lower-cased. */
  static String searchTerm(String raw) {
    return raw.trim().toLowerCase(Locale.ROOT);
  }

  /** Include any / exclude any on model or file name; a bad regex falls back to substring. */
  static Predicate<QueryRow> namePatterns(ModelQuery.NamePatterns patterns) {
    List<Predicate<String>> include = compile(patterns.include(), patterns.useRegex());
    List<Predicate<String>> exclude = compile(patterns.exclude(), patterns.useRegex());
    return r -> {
      String model = r.entry().modelName();
      String file = r.entry().fileName();
      for (Predicate<String> p : exclude) {
        if (p.test(model) || p.test(file)) {
          return false;
        }
      }
      if (include.isEmpty()) {
        return true;
      }
      for (Predicate<String> p : include) {
        if (p.test(model) || p.test(file)) {
          return true;
        }
      }
      return false;
    };
  }

  private static List<Predicate<String>> compile(List<String> patterns, boolean regex) {
    List<Predicate<String>> compiled = new ArrayList<>();
    for (String pattern : patterns) {
      if (regex) {
        try {
          Pattern p = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
          compiled.add(text -> p.matcher(text).find());
          continue;
        } catch (PatternSyntaxException e) {
          // The reference falls back to substring matching for a bad regex.
        }
      }
      String lower = pattern.toLowerCase(Locale.ROOT);
      compiled.add(text -> text.toLowerCase(Locale.ROOT).contains(lower));
    }
    return compiled;
  }

  private static Set<String> lower(List<String> values) {
    Set<String> set = new HashSet<>();
    for (String value : values) {
      set.add(value.toLowerCase(Locale.ROOT));
    }
    return set;
  }
}
