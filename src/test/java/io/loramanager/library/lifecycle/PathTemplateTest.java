package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.CivitaiRef;
import io.loramanager.library.ModelType;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.testsupport.Entries;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The folder templates of anchor-library §4.5 and anchor-downloads §3.3, as a table. */
class PathTemplateTest {

  private static final PriorityTags DEFAULT_PRIORITY =
      PriorityTags.parse(LibrarySettings.DEFAULT_PRIORITY_TAGS);

  static TemplateValues values(
      String baseModel, List<String> tags, String author, String modelName, String versionName) {
    return new TemplateValues(baseModel, tags, author, modelName, versionName);
  }

  static Stream<Arguments> table() {
    TemplateValues fantasy = values("BaseModel", List.of("fantasy"), null, "M", "V");
    TemplateValues sdxl = values("SDXL", List.of(), null, "M", "V");
    return Stream.of(
        // template, type, values, expected
        Arguments.of("{base_model}/{first_tag}", ModelType.LORA, fantasy, "MappedModel/fantasy"),
        Arguments.of("{base_model}/{first_tag}", ModelType.LORA, sdxl, "SDXL/no tags"),
        Arguments.of(
            "{base_model}/{first_tag}",
            ModelType.LORA,
            values("", List.of(), null, "", ""),
            "no tags"),
        Arguments.of(
            "{model_name}/{version_name}",
            ModelType.LORA,
            values("SD 1.5", List.of(), null, "Fancy:Model*", "Version:One?"),
            "Fancy_Model/Version_One"),
        Arguments.of(
            "{author}/{model_name}",
            ModelType.CHECKPOINT,
            values("SD 1.5", List.of(), "alice", "Real Vision", ""),
            "alice/Real Vision"),
        Arguments.of("{author}", ModelType.LORA, values("", List.of(), null, "", ""), "Anonymous"),
        Arguments.of(
            "{base_model}/{first_tag}",
            ModelType.EMBEDDING,
            values("SD 1.5", List.of("bad hands"), null, "", ""),
            "SD_1.5/bad_hands"),
        Arguments.of(
            "/{base_model}//{version_name}/",
            ModelType.LORA,
            values("Flux.1 D", List.of(), null, "", ""),
            "Flux.1 D"),
        Arguments.of("", ModelType.LORA, fantasy, ""),
        Arguments.of("static/{unknown}", ModelType.LORA, fantasy, "static/{unknown}"),
        Arguments.of(
            "{first_tag}",
            ModelType.LORA,
            values("", List.of("cute", "Style", "anime"), null, "", ""),
            "anime"),
        Arguments.of(
            "{base_model}/{first_tag}",
            ModelType.LORA,
            values("..", List.of("."), null, "", ""),
            "_/_"),
        Arguments.of(
            "{version_name}", ModelType.LORA, values("", List.of(), null, "", "___"), "unnamed"));
  }

  @ParameterizedTest(name = "{0} for {2} -> {3}")
  @MethodSource("table")
  void relativePathFollowsTheTemplate(
      String template, ModelType type, TemplateValues values, String expected) {
    PathTemplate pathTemplate =
        new PathTemplate(type, template, Map.of("BaseModel", "MappedModel"), DEFAULT_PRIORITY);

    assertThat(pathTemplate.relativePath(values)).isEqualTo(expected);
  }

  @Test
  void onlyTheEmptyTemplateIsFlat() {
    assertThat(new PathTemplate(ModelType.LORA, "", Map.of(), DEFAULT_PRIORITY).flat()).isTrue();
    assertThat(new PathTemplate(ModelType.LORA, "{author}", Map.of(), DEFAULT_PRIORITY).flat())
        .isFalse();
  }

  @Test
  void tokenValuesAreNotReadAsTokens() {
    PathTemplate template =
        new PathTemplate(ModelType.LORA, "{base_model}/{first_tag}", Map.of(), DEFAULT_PRIORITY);

    assertThat(template.relativePath(values("{first_tag}", List.of("x"), null, "", "")))
        .isEqualTo("{first_tag}/x");
  }

  @Test
  void authorCountsOnlyForAModelLinkedToCivitai() {
    CivitaiRef linked = new CivitaiRef(7L, 3L, "v1", "alice", List.of(), "LORA");
    CivitaiRef unlinked = new CivitaiRef(null, 3L, "v1", "alice", List.of(), "LORA");

    assertThat(TemplateValues.of(Entries.entry("a.safetensors").civitai(linked).build()).author())
        .isEqualTo("alice");
    assertThat(TemplateValues.of(Entries.entry("a.safetensors").civitai(unlinked).build()).author())
        .isEqualTo("Anonymous");
    assertThat(
            TemplateValues.of(Entries.entry("a.safetensors").civitai(null).build()).versionName())
        .isEmpty();
    assertThat(
            TemplateValues.of(Entries.entry("a.safetensors").civitai(linked).build()).versionName())
        .isEqualTo("v1");
  }
}
