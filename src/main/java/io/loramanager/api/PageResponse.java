package io.loramanager.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.loramanager.library.ModelType;
import io.loramanager.library.query.ListedModel;
import io.loramanager.library.query.Page;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The page envelope of anchor-api §2.2 (no {@code success} key, as in the reference). */
@RegisterForReflection
public record PageResponse(
    List<ModelItem> items,
    int total,
    int page,
    @JsonProperty("page_size") int pageSize,
    @JsonProperty("total_pages") int totalPages) {

  static PageResponse of(ModelType type, Page<ListedModel> page) {
    return new PageResponse(
        page.items().stream().map(listed -> ModelItems.of(type, listed)).toList(),
        page.total(),
        page.page(),
        page.pageSize(),
        page.totalPages());
  }
}
