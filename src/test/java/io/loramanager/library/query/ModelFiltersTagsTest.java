package io.loramanager.library.query;

import static io.loramanager.testsupport.Entries.entry;
import static io.loramanager.testsupport.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.CivitaiRef;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.Queries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tags, base models, sub-types and auto tags. */
class ModelFiltersTagsTest {

  private static final List<ModelEntry> LIBRARY =
      List.of(
          entry("untagged").baseModel("SDXL 1.0").build(),
          entry("style-only").tags("Style").build(),
          entry("anime-only").tags("anime").baseModel("Pony").build(),
          entry("both").tags("style", "ANIME").baseModel("SDXL 1.0").build(),
          entry("other").tags("photo").baseModel("Flux.1 D").build());

  private static List<String> names(List<ModelEntry> entries, ModelType type, Queries q) {
    return entries.stream()
        .map(e -> QueryRow.of(type, e))
        .filter(ModelFilters.of(q.build(), false, false))
        .map(r -> r.entry().fileName())
        .toList();
  }

  private static List<String> names(Queries q) {
    return names(LIBRARY, ModelType.LORA, q);
  }

  @Test
  void includeAnyKeepsModelsWithAtLeastOneTagIgnoringCase() {
    assertThat(names(query().tagInclude("STYLE", "anime")))
        .containsExactly("style-only", "anime-only", "both");
  }

  @Test
  void includeAllKeepsModelsWithEveryTag() {
    assertThat(names(query().tagInclude("style", "anime").tagLogicAll(true)))
        .containsExactly("both");
  }

  @Test
  void noTagsIncludeKeepsUntaggedModels() {
    assertThat(names(query().tagInclude(ModelFilters.NO_TAGS))).containsExactly("untagged");
    assertThat(names(query().tagInclude(ModelFilters.NO_TAGS).tagLogicAll(true)))
        .containsExactly("untagged");
  }

  @Test
  void noTagsWithOtherTagsAddsUntaggedModelsInBothLogics() {
    assertThat(names(query().tagInclude("photo", ModelFilters.NO_TAGS)))
        .containsExactly("untagged", "other");
    assertThat(names(query().tagInclude("style", "anime", ModelFilters.NO_TAGS).tagLogicAll(true)))
        .containsExactly("untagged", "both");
  }

  @Test
  void excludeDropsModelsWithAnyExcludedTag() {
    assertThat(names(query().tagExclude("Anime")))
        .containsExactly("untagged", "style-only", "other");
  }

  @Test
  void noTagsExcludeDropsUntaggedModels() {
    assertThat(names(query().tagExclude(ModelFilters.NO_TAGS)))
        .containsExactly("style-only", "anime-only", "both", "other");
  }

  @Test
  void includeAndExcludeCombine() {
    assertThat(names(query().tagInclude("style").tagExclude("anime")))
        .containsExactly("style-only");
  }

  @Test
  void baseModelIsAnExactCaseSensitiveSet() {
    assertThat(names(query().baseModels("SDXL 1.0", "Pony")))
        .containsExactly("untagged", "anime-only", "both");
    assertThat(names(query().baseModels("sdxl 1.0"))).isEmpty();
  }

  @Test
  void modelTypesMatchTheResolvedSubTypeIgnoringCase() {
    List<ModelEntry> loras =
        List.of(
            entry("plain").build(),
            entry("locon").civitai(new CivitaiRef(1L, 2L, "v1", null, List.of(), "LoCon")).build(),
            entry("dora").civitai(new CivitaiRef(3L, 4L, "v1", null, List.of(), "DoRA")).build());

    assertThat(names(loras, ModelType.LORA, query().modelTypes("LOCON", "lora")))
        .containsExactly("plain", "locon");
  }

  @Test
  void checkpointSubTypesComeFromTheEntry() {
    List<ModelEntry> checkpoints =
        List.of(
            entry("ckpt").subType("checkpoint").build(),
            entry("unet").subType("diffusion_model").build(),
            entry("unset").build());

    assertThat(names(checkpoints, ModelType.CHECKPOINT, query().modelTypes("diffusion_model")))
        .containsExactly("unet");
    assertThat(names(checkpoints, ModelType.CHECKPOINT, query().modelTypes("checkpoint")))
        .containsExactly("ckpt", "unset");
  }

  @Test
  void autoTagIncludeAndExcludeIgnoreCase() {
    List<ModelEntry> wan =
        List.of(
            entry("wan_high_i2v").build(), entry("wan_low_i2v").build(), entry("wan_t2v").build());

    assertThat(names(wan, ModelType.LORA, query().autoTagInclude("high", "T2V")))
        .containsExactly("wan_high_i2v", "wan_t2v");
    assertThat(names(wan, ModelType.LORA, query().autoTagExclude("i2v")))
        .containsExactly("wan_t2v");
  }
}
