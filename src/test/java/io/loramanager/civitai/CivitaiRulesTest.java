package io.loramanager.civitai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.library.ModelEntry;
import io.loramanager.testsupport.Entries;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small rules: preview choice, Retry-After, the version cache, licence defaults. */
class CivitaiRulesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  private static final String IMAGES =
      "[{\"url\": \"https://image.civitai.com/x/original=true/a.jpeg\", \"nsfwLevel\": 8,"
          + " \"type\": \"image\"},"
          + " {\"url\": \"\", \"nsfwLevel\": 1},"
          + " {\"url\": \"https://image.civitai.com/x/original=true/b.mp4\", \"nsfwLevel\": 16,"
          + " \"type\": \"video\"},"
          + " {\"url\": \"https://cdn.example.org/c.png\", \"nsfwLevel\": 2, \"type\": \"image\"}]";

  @Test
  void previewIsTheFirstImageBelowTheThreshold() throws Exception {
    PreviewChoice.Choice choice = PreviewChoice.choose(json(IMAGES), true, 4).orElseThrow();
    assertThat(choice.urls()).containsExactly(URI.create("https://cdn.example.org/c.png"));
    assertThat(choice.nsfwLevel()).isEqualTo(2);
    assertThat(choice.video()).isFalse();
  }

  @Test
  void previewIsTheLeastMatureWhenAllAreAboveTheThreshold() throws Exception {
    PreviewChoice.Choice choice = PreviewChoice.choose(json(IMAGES), true, 2).orElseThrow();
    assertThat(choice.urls()).containsExactly(URI.create("https://cdn.example.org/c.png"));
    assertThat(choice.nsfwLevel()).isEqualTo(2);
  }

  @Test
  void withoutBlurringThePreviewIsTheFirstImageInASmallRendition() throws Exception {
    PreviewChoice.Choice choice = PreviewChoice.choose(json(IMAGES), false, 4).orElseThrow();
    assertThat(choice.urls())
        .containsExactly(
            URI.create("https://image.civitai.com/x/width=450,optimized=true/a.jpeg"),
            URI.create("https://image.civitai.com/x/original=true/a.jpeg"));
    assertThat(choice.nsfwLevel()).isEqualTo(8);
  }

  @Test
  void videosAreTranscoded() throws Exception {
    JsonNode images = json("[" + json(IMAGES).get(2) + "]");
    PreviewChoice.Choice choice = PreviewChoice.choose(images, false, 4).orElseThrow();
    assertThat(choice.video()).isTrue();
    assertThat(choice.urls().get(0))
        .isEqualTo(
            URI.create(
                "https://image.civitai.com/x/transcode=true,width=450,optimized=true/b.mp4"));
  }

  @Test
  void noUsableImageMeansNoPreview() throws Exception {
    assertThat(PreviewChoice.choose(json("[{\"url\": \"not a url\"}, {}]"), true, 4)).isEmpty();
    assertThat(PreviewChoice.choose(MAPPER.missingNode(), true, 4)).isEmpty();
  }

  @Test
  void blurLevelsFollowTheSetting() {
    assertThat(PreviewChoice.threshold("PG13")).isEqualTo(2);
    assertThat(PreviewChoice.threshold("R")).isEqualTo(4);
    assertThat(PreviewChoice.threshold("x")).isEqualTo(8);
    assertThat(PreviewChoice.threshold("XXX")).isEqualTo(16);
    assertThat(PreviewChoice.threshold(null)).isEqualTo(4);
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertThat(CivitaiClient.retryAfterSeconds("12")).isEqualTo(12);
    assertThat(CivitaiClient.retryAfterSeconds(null)).isZero();
    assertThat(CivitaiClient.retryAfterSeconds("soon")).isZero();
    assertThat(CivitaiClient.retryAfterSeconds("-5")).isZero();
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusDays(1));
    assertThat(CivitaiClient.retryAfterSeconds(past)).isZero();
    String later =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
    assertThat(CivitaiClient.retryAfterSeconds(later)).isBetween(119L, 121L);
  }

  @Test
  void versionCacheIsBoundedAndHandsOutCopies() throws Exception {
    VersionCache cache = new VersionCache(2);
    cache.put(1, (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"id\": 1}"));
    cache.put(2, (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"id\": 2}"));
    cache.get(1).put("changed", true);
    cache.put(3, (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"id\": 3}"));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(2)).isNull();
    assertThat(cache.get(1).toString()).isEqualTo("{\"id\":1}");
  }

  @Test
  void licenceDefaultsFillOnlyWhatIsMissing() throws Exception {
    var model =
        (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"allowCommercialUse\": \"Rent\"}");
    CivitaiPayloads.applyLicenseDefaults(model);
    assertThat(model.toString())
        .isEqualTo(
            "{\"allowCommercialUse\":[\"Rent\"],\"allowNoCredit\":true,"
                + "\"allowDerivatives\":true,\"allowDifferentLicense\":true}");
    var empty = MAPPER.createObjectNode();
    CivitaiPayloads.applyLicenseDefaults(empty);
    assertThat(empty.get("allowCommercialUse").toString()).isEqualTo("[\"Sell\"]");
  }

  @Test
  void thinPayloadsDoNotReplaceAFullOne() throws Exception {
    var sidecar =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json(
                "{\"sha256\": \"\", \"tags\": [], \"civitai\": {\"id\": 1, \"files\": [{}],"
                    + " \"images\": [{}]}}");
    var thin =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json("{\"id\": 2, \"source\": \"civarchive\", \"baseModel\": \"Pony\"}");
    CivitaiMerge.found(sidecar, thin, 5);
    assertThat(sidecar.get("civitai").get("id").asInt()).isEqualTo(1);
    assertThat(sidecar.get("base_model").asText()).isEqualTo("Pony");
  }

  @Test
  void candidatesLeaveOutSkippedFolders() {
    ModelEntry inRoot = Entries.entry("a").build();
    ModelEntry skipped = Entries.entry("wip/old/b").build();
    ModelEntry kept = Entries.entry("wipe/c").build();
    assertThat(RefreshCandidates.select(List.of(inRoot, skipped, kept), List.of("/wip/", " ")))
        .containsExactly(inRoot, kept);
  }
}
