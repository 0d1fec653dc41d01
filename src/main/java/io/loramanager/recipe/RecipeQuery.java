package io.loramanager.recipe;

import java.util.List;
import java.util.Set;

/**
 * The parameters of {@code GET /api/lm/recipes} (anchor-recipes §4.1).
 *
 * @param sortBy {@code date}, {@code name}, {@code loras_count}, {@code opened} or {@code random},
 *     with an optional {@code :asc}/{@code :desc} (or {@code :<seed>} for random)
 * @param folder null for no folder filter
 * @param searchFields the fields searched; all of them when the client switched none off
 * @param tagInclude includes ({@code tags} and {@code tag_include} together); {@code __no_tags__}
 *     matches untagged recipes
 */
public record RecipeQuery(
    int page,
    int pageSize,
    String sortBy,
    String search,
    Set<FtsQuery.Field> searchFields,
    String folder,
    boolean recursive,
    List<String> baseModels,
    boolean favoritesOnly,
    List<String> tagInclude,
    List<String> tagExclude,
    String loraHash,
    String checkpointHash) {

  public static final String NO_TAGS = "__no_tags__";
}
