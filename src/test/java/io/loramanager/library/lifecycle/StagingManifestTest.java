package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest round-trips and refuses anything that could touch files outside its folders. */
class StagingManifestTest {

  private static final String BATCH = "0123456789abcdef0123456789abcdef";
  private static final Path FOLDER = Path.of("/lib/loras/sub");
  private static final Path DIR = FOLDER.resolve(".lm-pending-delete").resolve(BATCH);

  private static StagingManifest manifest() {
    return new StagingManifest(
        BATCH,
        ModelType.LORA,
        StagingManifest.State.STAGED,
        Instant.ofEpochSecond(100),
        Instant.ofEpochSecond(120),
        List.of(
            new StagingManifest.Entry(
                FOLDER.resolve("a.safetensors"), DIR.resolve("a.safetensors"), true),
            new StagingManifest.Entry(
                FOLDER.resolve("a.metadata.json"), DIR.resolve("a.metadata.json"), false)));
  }

  @Test
  void roundTripsThroughJson() {
    assertThat(StagingManifest.parse(manifest().toJson(), DIR)).isEqualTo(manifest());
  }

  @Test
  void writesTheReferenceKeys() {
    assertThat(manifest().toJson().toString())
        .isEqualTo(
            "{\"batch_id\":\""
                + BATCH
                + "\",\"kind\":\"model\",\"model_type\":\"loras\",\"state\":\"staged\","
                + "\"created_at\":100,\"expires_at\":120,\"entries\":["
                + "{\"original\":\"/lib/loras/sub/a.safetensors\",\"staged\":\""
                + DIR
                + "/a.safetensors\",\"restored\":false,\"is_model\":true},"
                + "{\"original\":\"/lib/loras/sub/a.metadata.json\",\"staged\":\""
                + DIR
                + "/a.metadata.json\",\"restored\":false,\"is_model\":false}]}");
  }

  @Test
  void referenceManifestWithoutOurKeysIsUnderstood() {
    ObjectNode node = manifest().toJson();
    node.remove("created_at");
    node.withArray("entries").forEach(e -> ((ObjectNode) e).remove("is_model"));

    StagingManifest parsed = StagingManifest.parse(node, DIR);

    assertThat(parsed.createdAt()).isEqualTo(Instant.ofEpochSecond(120));
    assertThat(parsed.entries())
        .extracting(StagingManifest.Entry::model)
        .containsExactly(true, false);
  }

  @Test
  void refusesAStagedPathOutsideTheStagingFolder() {
    ObjectNode node = manifest().toJson();
    ((ObjectNode) node.withArray("entries").get(0)).put("staged", "/etc/passwd");

    assertThatThrownBy(() -> StagingManifest.parse(node, DIR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entry outside its folders: /etc/passwd");
  }

  @Test
  void refusesAnOriginalOutsideTheModelFolder() {
    ObjectNode node = manifest().toJson();
    ((ObjectNode) node.withArray("entries").get(0))
        .put("original", "/lib/loras/sub/../../x.safetensors");

    assertThatThrownBy(() -> StagingManifest.parse(node, DIR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("entry outside its folders");
  }

  @Test
  void refusesABatchIdThatIsNotTheFolderName() {
    ObjectNode node = manifest().toJson();
    node.put("batch_id", "fedcba9876543210fedcba9876543210");

    assertThatThrownBy(() -> StagingManifest.parse(node, DIR))
        .hasMessage("batch_id does not match the folder");
  }

  @Test
  void refusesUnknownStatesTypesAndKinds() {
    ObjectNode state = manifest().toJson().put("state", "weird");
    ObjectNode type = manifest().toJson().put("model_type", "vae");
    ObjectNode kind = manifest().toJson().put("kind", "photo");
    ObjectNode expires = manifest().toJson().put("expires_at", "soon");

    assertThatThrownBy(() -> StagingManifest.parse(state, DIR)).hasMessage("unknown state weird");
    assertThatThrownBy(() -> StagingManifest.parse(type, DIR)).hasMessage("unknown model_type vae");
    assertThatThrownBy(() -> StagingManifest.parse(kind, DIR))
        .hasMessage("kind is not 'model' or 'recipe'");
    assertThatThrownBy(() -> StagingManifest.parse(expires, DIR))
        .hasMessage("expires_at is not a number");
    assertThatThrownBy(() -> StagingManifest.parse(new ObjectMapper().createObjectNode(), DIR))
        .hasMessage("batch_id is not a string");
  }
}
