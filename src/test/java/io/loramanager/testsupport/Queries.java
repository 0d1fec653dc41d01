package io.loramanager.testsupport;

import io.loramanager.library.query.ModelQuery;
import io.loramanager.library.query.SortSpec;
import java.util.List;

/** Builds {@link ModelQuery} values: the defaults of anchor-library §3.1, any field changed. */
public final class Queries {

  private int page = 1;
  private int pageSize = 20;
  private SortSpec sort = SortSpec.NAME;
  private String folder;
  private boolean recursive = true;
  private List<String> folderInclude = List.of();
  private List<String> folderExclude = List.of();
  private String search;
  private boolean fuzzy;
  private ModelQuery.SearchFields searchFields = ModelQuery.SearchFields.DEFAULT;
  private List<String> baseModels = List.of();
  private List<String> modelTypes = List.of();
  private List<String> tagInclude = List.of();
  private List<String> tagExclude = List.of();
  private boolean tagLogicAll;
  private List<String> autoTagInclude = List.of();
  private List<String> autoTagExclude = List.of();
  private boolean favoritesOnly;
  private List<String> hashes = List.of();
  private Boolean creditRequired;
  private Boolean allowSelling;
  private ModelQuery.NamePatterns namePatterns = ModelQuery.NamePatterns.NONE;
  private String firstLetter;
  private boolean groupByModel;
  private String civitaiModelId;
  private boolean updateAvailableOnly;

  private Queries() {}

  public static Queries query() {
    return new Queries();
  }

  public Queries page(int value, int size) {
    page = value;
    pageSize = size;
    return this;
  }

  public Queries sort(String value) {
    sort = SortSpec.parse(value);
    return this;
  }

  public Queries folder(String value, boolean isRecursive) {
    folder = value;
    recursive = isRecursive;
    return this;
  }

  public Queries recursive(boolean value) {
    recursive = value;
    return this;
  }

  public Queries folderInclude(String... values) {
    folderInclude = List.of(values);
    return this;
  }

  public Queries folderExclude(String... values) {
    folderExclude = List.of(values);
    return this;
  }

  public Queries search(String value) {
    search = value;
    return this;
  }

  public Queries fuzzy(boolean value) {
    fuzzy = value;
    return this;
  }

  public Queries searchFields(boolean fileName, boolean modelName, boolean tags, boolean creator) {
    searchFields = new ModelQuery.SearchFields(fileName, modelName, tags, creator);
    return this;
  }

  public Queries baseModels(String... values) {
    baseModels = List.of(values);
    return this;
  }

  public Queries modelTypes(String... values) {
    modelTypes = List.of(values);
    return this;
  }

  public Queries tagInclude(String... values) {
    tagInclude = List.of(values);
    return this;
  }

  public Queries tagExclude(String... values) {
    tagExclude = List.of(values);
    return this;
  }

  public Queries tagLogicAll(boolean value) {
    tagLogicAll = value;
    return this;
  }

  public Queries autoTagInclude(String... values) {
    autoTagInclude = List.of(values);
    return this;
  }

  public Queries autoTagExclude(String... values) {
    autoTagExclude = List.of(values);
    return this;
  }

  public Queries favoritesOnly(boolean value) {
    favoritesOnly = value;
    return this;
  }

  public Queries hashes(String... values) {
    hashes = List.of(values);
    return this;
  }

  public Queries creditRequired(Boolean value) {
    creditRequired = value;
    return this;
  }

  public Queries allowSelling(Boolean value) {
    allowSelling = value;
    return this;
  }

  public Queries namePatterns(List<String> include, List<String> exclude, boolean useRegex) {
    namePatterns = new ModelQuery.NamePatterns(include, exclude, useRegex);
    return this;
  }

  public Queries firstLetter(String value) {
    firstLetter = value;
    return this;
  }

  public Queries groupByModel(boolean value) {
    groupByModel = value;
    return this;
  }

  public Queries civitaiModelId(String value) {
    civitaiModelId = value;
    return this;
  }

  public Queries updateAvailableOnly(boolean value) {
    updateAvailableOnly = value;
    return this;
  }

  public ModelQuery build() {
    return new ModelQuery(
        page,
        pageSize,
        sort,
        folder,
        recursive,
        folderInclude,
        folderExclude,
        search,
        fuzzy,
        searchFields,
        baseModels,
        modelTypes,
        tagInclude,
        tagExclude,
        tagLogicAll,
        autoTagInclude,
        autoTagExclude,
        favoritesOnly,
        hashes,
        creditRequired,
        allowSelling,
        namePatterns,
        firstLetter,
        groupByModel,
        civitaiModelId,
        updateAvailableOnly);
  }
}
