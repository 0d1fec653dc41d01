package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import org.junit.jupiter.api.Test;

/** The merge rules of save-metadata and add-tags, without Quarkus. */
class SidecarMergeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) MAPPER.readTree(text);
  }

  @Test
  void objectsMergeShallowlyOtherValuesReplaceAndFilePathIsIgnored() throws Exception {
    ObjectNode sidecar =
        json(
            "{\"file_path\": \"/a.safetensors\", \"civitai\": {\"id\": 1, \"images\": [1]},"
                + " \"usage_tips\": \"{}\", \"x\": {\"deep\": {\"a\": 1, \"b\": 2}}}");

    SidecarMerge.merge(
        sidecar,
        json(
            "{\"file_path\": \"/elsewhere\", \"civitai\": {\"trainedWords\": [\"w\"]},"
                + " \"usage_tips\": {\"strength\": 1}, \"x\": {\"deep\": {\"a\": 3}}}"));

    assertThat(sidecar.toString())
        .isEqualTo(
            "{\"file_path\":\"/a.safetensors\","
                + "\"civitai\":{\"id\":1,\"images\":[1],\"trainedWords\":[\"w\"]},"
                + "\"usage_tips\":{\"strength\":1},\"x\":{\"deep\":{\"a\":3}}}");
  }

  @Test
  void tagsAreTrimmedLowerCasedAndDeduplicatedInOrder() throws Exception {
    ObjectNode sidecar = json("{\"tags\": [\"old\"]}");

    SidecarMerge.merge(sidecar, json("{\"tags\": [\" B \", \"a\", \"b\", \"  \", \"A\"]}"));

    assertThat(sidecar.get("tags").toString()).isEqualTo("[\"b\",\"a\"]");
  }

  @Test
  void addTagsKeepsExistingSpellingAndSkipsCaseInsensitiveRepeats() throws Exception {
    ObjectNode sidecar = json("{\"tags\": [\"Anime\", 3]}");

    assertThat(SidecarMerge.addTags(sidecar, json("{\"t\": [\"anime\", \" New \"]}").get("t")))
        .containsExactly("Anime", "new");
    assertThat(sidecar.get("tags").toString()).isEqualTo("[\"Anime\",\"new\"]");
  }

  @Test
  void wrongTypesForRequiredFieldsAreRefusedNamingTheKey() throws Exception {
    assertThatThrownBy(() -> SidecarMerge.validate(json("{\"modified\": \"now\"}")))
        .isInstanceOf(LmException.class)
        .hasMessage("'modified' must be a number");
    assertThatThrownBy(() -> SidecarMerge.validate(json("{\"preview_url\": []}")))
        .hasMessage("'preview_url' must be a string");
    assertThatThrownBy(() -> SidecarMerge.validate(json("{\"tags\": {}}")))
        .hasMessage("Tags must be a list");
  }
}
