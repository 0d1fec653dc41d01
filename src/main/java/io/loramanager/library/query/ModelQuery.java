package io.loramanager.library.query;

import java.util.List;

/**
 * A parsed {@code GET /api/lm/{type}/list} request (anchor-library §3.1). Lists are never null;
 * tri-state license filters are null when absent.
 */
public record ModelQuery(
    int page,
    int pageSize,
    SortSpec sort,
    String folder,
    boolean recursive,
    List<String> folderInclude,
    List<String> folderExclude,
    String search,
    boolean fuzzy,
    SearchFields searchFields,
    List<String> baseModels,
    List<String> modelTypes,
    List<String> tagInclude,
    List<String> tagExclude,
    boolean tagLogicAll,
    List<String> autoTagInclude,
    List<String> autoTagExclude,
    boolean favoritesOnly,
    List<String> hashes,
    Boolean creditRequired,
    Boolean allowSelling,
    NamePatterns namePatterns,
    String firstLetter,
    boolean groupByModel,
    String civitaiModelId,
    boolean updateAvailableOnly) {

  public static final int MAX_PAGE_SIZE = 100;

  /** Which fields a search looks at. */
  public record SearchFields(boolean fileName, boolean modelName, boolean tags, boolean creator) {
    public static final SearchFields DEFAULT = new SearchFields(true, true, false, false);
  }

  /** LoRA-pool name filters: substrings, or regexes when {@code useRegex}. */
  public record NamePatterns(List<String> include, List<String> exclude, boolean useRegex) {
    public static final NamePatterns NONE = new NamePatterns(List.of(), List.of(), false);

    public boolean isEmpty() {
      return include.isEmpty() && exclude.isEmpty();
    }
  }

  /** A query with every default: first page of 20 by name. */
  public static ModelQuery defaults() {
    return new ModelQuery(
        1,
        20,
        SortSpec.NAME,
        null,
        true,
        List.of(),
        List.of(),
        null,
        false,
        SearchFields.DEFAULT,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        false,
        List.of(),
        List.of(),
        false,
        List.of(),
        null,
        null,
        NamePatterns.NONE,
        null,
        false,
        null,
        false);
  }
}
