package io.loramanager.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.storage.JsonFiles;
import io.loramanager.testsupport.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GET /api/lm/settings shows of a settings file. */
class SettingsViewTest {

  @TempDir Path temp;

  private SettingsView view(String fileContent) throws Exception {
    Path file = temp.resolve("settings.json");
    Files.writeString(file, fileContent);
    TestConfig config =
        TestConfig.of(temp.resolve("data"), temp.resolve("models")).withSettingsFile(file);
    return new SettingsView(config.settings(), new JsonFiles(new ObjectMapper()));
  }

  @Test
  void unreadableFileIsReportedAsAStartupMessage() throws Exception {
    SettingsView view = view("{\"language\": ");

    assertThat(view.messages())
        .singleElement()
        .satisfies(
            message -> {
              assertThat(message.code()).isEqualTo("settings-json-invalid");
              assertThat(message.severity()).isEqualTo("error");
              assertThat(message.dismissible()).isFalse();
              assertThat(message.details()).startsWith("Unexpected end-of-input");
              assertThat(message.settingsFile())
                  .isEqualTo(temp.resolve("settings.json").toString());
            });
    assertThat(view.settings().path("language").asText()).isEqualTo("en");
  }

  @Test
  void rootsLibrariesAndTuningKeysAreLeftOutAndEmptySecretsAreNotSet() throws Exception {
    SettingsView view =
        view(
            """
            {"folder_paths": {"loras": ["/m"]}, "libraries": {}, "active_library": "x",
             "hash_chunk_size_mb": 8, "download_stall_timeout_seconds": 30,
             "civitai_api_key": "", "proxy_password": null, "service_password": "p",
             "extra_folder_paths": {"loras": ["/e"]}}
            """);

    assertThat(view.messages()).isEmpty();
    assertThat(view.settings().has("folder_paths")).isFalse();
    assertThat(view.settings().has("libraries")).isFalse();
    assertThat(view.settings().has("active_library")).isFalse();
    assertThat(view.settings().has("hash_chunk_size_mb")).isFalse();
    assertThat(view.settings().has("download_stall_timeout_seconds")).isFalse();
    assertThat(view.settings().path("civitai_api_key_set").asBoolean(true)).isFalse();
    assertThat(view.settings().path("proxy_password_set").asBoolean(true)).isFalse();
    assertThat(view.settings().path("service_password_set").asBoolean()).isTrue();
    assertThat(view.settings().has("service_password")).isFalse();
    assertThat(view.settings().path("extra_folder_paths").toString())
        .isEqualTo("{\"loras\":[\"/e\"]}");
  }
}
