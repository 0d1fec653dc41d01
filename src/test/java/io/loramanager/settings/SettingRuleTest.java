package io.loramanager.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shape each known setting must have, and the messages that name the bad key. */
class SettingRuleTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static String check(String key, String json) throws Exception {
    JsonNode value = JSON.readTree(json);
    return SettingsSchema.KEYS.get(key).rule().check(key, value);
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("language", "1", "language must be a string"),
        Arguments.of("show_only_sfw", "\"yes\"", "show_only_sfw must be true or false"),
        Arguments.of(
            "hash_chunk_size_mb", "0", "hash_chunk_size_mb must be a whole number from 1 to 256"),
        Arguments.of(
            "hash_chunk_size_mb", "257", "hash_chunk_size_mb must be a whole number from 1 to 256"),
        Arguments.of(
            "hash_chunk_size_mb", "4.5", "hash_chunk_size_mb must be a whole number from 1 to 256"),
        Arguments.of(
            "hash_chunk_size_mb",
            "\"4\"",
            "hash_chunk_size_mb must be a whole number from 1 to 256"),
        Arguments.of(
            "folder_paths",
            "[\"/models\"]",
            "folder_paths must be an object of folder lists, e.g. {\"loras\": [\"/models/loras\"]}"),
        Arguments.of(
            "folder_paths",
            "{\"loras\": \"/models\"}",
            "folder_paths.loras must be a list of strings"),
        Arguments.of(
            "folder_paths",
            "{\"loras\": [\"/a\", 3]}",
            "folder_paths.loras must be a list of strings"),
        Arguments.of(
            "extra_folder_paths",
            "{\"loras\": [\"/a\", \"relative/b\"]}",
            "extra_folder_paths.loras[1] must be an absolute path"),
        Arguments.of(
            "auto_organize_exclusions",
            "\"a\"",
            "auto_organize_exclusions must be a list of strings"),
        Arguments.of(
            "download_path_templates",
            "{\"lora\": 1}",
            "download_path_templates.lora must be a string"),
        Arguments.of("priority_tags", "[]", "priority_tags must be an object of strings"),
        Arguments.of(
            "model_name_display",
            "\"title\"",
            "model_name_display must be one of model_name, file_name"),
        Arguments.of("proxy_port", "70000", "proxy_port must be a port from 1 to 65535"),
        Arguments.of("proxy_port", "\"http\"", "proxy_port must be a port from 1 to 65535"),
        Arguments.of("proxy_port", "true", "proxy_port must be a port from 1 to 65535"),
        Arguments.of(
            "civitai_host",
            "\"https://civitai.com\"",
            "civitai_host must be a host name such as civitai.com (no scheme, no path)"),
        Arguments.of("civitai_api_key", "null", "civitai_api_key must be a string"),
        Arguments.of(
            "example_images_path", "\"images\"", "example_images_path must be an absolute path"),
        Arguments.of("example_images_path", "5", "example_images_path must be a string"),
        Arguments.of(
            "update_channel", "\"beta\"", "update_channel must be one of release, nightly"),
        Arguments.of("libraries", "[]", "libraries must be an object of named libraries"),
        Arguments.of("libraries", "{\"a\": 1}", "libraries.a must be an object"),
        Arguments.of(
            "libraries", "{\"\": {}}", "libraries must not contain a library without a name"),
        Arguments.of(
            "libraries",
            "{\"a\": {\"folder_paths\": {\"loras\": [\"x\"]}}}",
            "libraries.a.folder_paths.loras[0] must be an absolute path"),
        Arguments.of(
            "libraries",
            "{\"a\": {\"default_lora_root\": 1}}",
            "libraries.a.default_lora_root must be a string"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void badValueIsNamed(String key, String json, String message) throws Exception {
    assertThat(check(key, json)).isEqualTo(message);
  }

  static Stream<Arguments> goodValues() {
    return Stream.of(
        Arguments.of("hash_chunk_size_mb", "1"),
        Arguments.of("hash_chunk_size_mb", "256"),
        Arguments.of("folder_paths", "{\"loras\": [\"/a\", \"/b\"], \"unet\": []}"),
        Arguments.of("proxy_port", "\"\""),
        Arguments.of("proxy_port", "\"8080\""),
        Arguments.of("proxy_port", "65535"),
        Arguments.of("civitai_host", "\"civitai.green\""),
        Arguments.of("civitai_host", "\"localhost:8443\""),
        Arguments.of("civitai_host", "\"\""),
        Arguments.of("example_images_path", "\"\""),
        Arguments.of("mature_blur_level", "\"XXX\""),
        Arguments.of(
            "libraries",
            "{\"main\": {\"folder_paths\": {\"loras\": [\"/a\"]}, \"metadata\": {\"x\": 1}}}"));
  }

  @ParameterizedTest
  @MethodSource("goodValues")
  void goodValueIsAccepted(String key, String json) throws Exception {
    assertThat(check(key, json)).isNull();
  }

  @Test
  void exampleImagesPathMustBeAnExistingFolder() throws Exception {
    String missing = temp.resolve("missing").toString();

    assertThat(check("example_images_path", JSON.writeValueAsString(missing)))
        .isEqualTo(
            "example_images_path must be an existing folder: " + missing + " does not exist");
    assertThat(check("example_images_path", JSON.writeValueAsString(temp.toString()))).isNull();
  }

  @Test
  void secretsAreTheKnownOnesAndUnknownKeysNamedLikeOne() {
    assertThat(SettingsSchema.isSecret("civitai_api_key")).isTrue();
    assertThat(SettingsSchema.isSecret("proxy_password")).isTrue();
    assertThat(SettingsSchema.isSecret("llm_api_key")).isTrue();
    assertThat(SettingsSchema.isSecret("hf_token")).isTrue();
    assertThat(SettingsSchema.isSecret("my_service_api_key")).isTrue();
    assertThat(SettingsSchema.isSecret("proxy_username")).isFalse();
    assertThat(SettingsSchema.isSecret("language")).isFalse();
  }
}
