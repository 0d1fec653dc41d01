package io.loramanager.library;

import static io.loramanager.testsupport.LibraryFixture.readJson;
import static io.loramanager.testsupport.LibraryFixture.sidecarOf;
import static io.loramanager.testsupport.LibraryFixture.slashes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.Processing;
import io.loramanager.testsupport.SafetensorsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model without a sidecar: default creation, previews, AutoV3, {@code .civitai.info}. */
class ModelFileProcessorNewModelTest {

  private static final byte[] CONTENT = "lora weights".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  private LibraryFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new LibraryFixture(tmp.toRealPath());
  }

  private static ModelEntry catalogued(ModelFileProcessor.Outcome outcome) {
    assertThat(outcome).isInstanceOf(ModelFileProcessor.Catalogued.class);
    return ((ModelFileProcessor.Catalogued) outcome).entry();
  }

  private static List<String> keys(ObjectNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void aNewLoraGetsADefaultSidecarWithItsRealHash() throws IOException {
    Path model = fixture.model(fixture.loras(), "sub/m.safetensors", CONTENT);

    ModelEntry entry = catalogued(Processing.process(ModelType.LORA, fixture.loras(), null, model));

    ObjectNode sidecar = readJson(sidecarOf(model));
    String sha = LibraryFixture.sha256(CONTENT);
    assertThat(keys(sidecar))
        .containsExactly(
            "file_name",
            "model_name",
            "file_path",
            "size",
            "modified",
            "sha256",
            "base_model",
            "preview_url",
            "preview_nsfw_level",
            "notes",
            "from_civitai",
            "civitai",
            "tags",
            "modelDescription",
            "civitai_deleted",
            "favorite",
            "exclude",
            "db_checked",
            "skip_metadata_refresh",
            "metadata_source",
            "last_checked_at",
            "hash_status",
            "autov3",
            "trainedWords",
            "usage_tips");
    assertThat(sidecar.get("file_name").asText()).isEqualTo("m");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(slashes(model));
    assertThat(sidecar.get("size").asLong()).isEqualTo(CONTENT.length);
    assertThat(sidecar.get("modified").asDouble()).isEqualTo(1700000000.5);
    assertThat(sidecar.get("sha256").asText()).isEqualTo(sha);
    assertThat(sidecar.get("hash_status").asText()).isEqualTo("completed");
    assertThat(sidecar.get("from_civitai").asBoolean()).isTrue();
    assertThat(sidecar.get("autov3").isNull()).isTrue();
    assertThat(sidecar.get("usage_tips").asText()).isEqualTo("{}");
    assertThat(entry.sha256()).isEqualTo(sha);
    assertThat(entry.folder()).isEqualTo("sub");
    assertThat(entry.filePath()).isEqualTo(slashes(model));
    assertThat(entry.autov3()).isEqualTo("");
    assertThat(entry.subType()).isNull();
    assertThat(entry.civitai()).isNull();
    assertThat(entry.licenseFlags()).isEqualTo(113);
    assertThat(entry.stamp().sidecarSize()).isEqualTo(Files.size(sidecarOf(model)));
    assertThat(Files.readAllBytes(model)).isEqualTo(CONTENT);
    assertThat(Files.exists(model.resolveSibling("m.metadata.json.tmp"))).isFalse();
  }

  @Test
  void aNewCheckpointIsLeftPendingWithoutAHash() {
    Path root = fixture.checkpoints();
    Path model = fixture.model(root, "big.ckpt", CONTENT);

    ModelEntry entry =
        catalogued(Processing.process(ModelType.CHECKPOINT, root, "checkpoint", model));

    ObjectNode sidecar = readJson(sidecarOf(model));
    assertThat(sidecar.get("sha256").asText()).isEqualTo("");
    assertThat(sidecar.get("hash_status").asText()).isEqualTo("pending");
    assertThat(sidecar.get("from_civitai").asBoolean()).isFalse();
    assertThat(sidecar.get("sub_type").asText()).isEqualTo("checkpoint");
    assertThat(sidecar.has("usage_tips")).isFalse();
    assertThat(entry.sha256()).isEqualTo("");
    assertThat(entry.hashStatus()).isEqualTo("pending");
    assertThat(entry.subType()).isEqualTo("checkpoint");
  }

  @Test
  void aCheckpointUnderAUnetRootIsADiffusionModel() {
    Path root = fixture.root("diffusion_models");
    Path model = fixture.model(root, "flux.safetensors", CONTENT);

    ModelEntry entry =
        catalogued(Processing.process(ModelType.CHECKPOINT, root, "diffusion_model", model));

    assertThat(readJson(sidecarOf(model)).get("sub_type").asText()).isEqualTo("diffusion_model");
    assertThat(entry.subType()).isEqualTo("diffusion_model");
  }

  @Test
  void aNewEmbeddingIsHashedWithSubTypeEmbedding() {
    Path root = fixture.embeddings();
    Path model = fixture.model(root, "neg.pt", CONTENT);

    ModelEntry entry = catalogued(Processing.process(ModelType.EMBEDDING, root, null, model));

    assertThat(entry.sha256()).isEqualTo(LibraryFixture.sha256(CONTENT));
    assertThat(entry.subType()).isEqualTo("embedding");
    assertThat(readJson(sidecarOf(model)).get("sub_type").asText()).isEqualTo("embedding");
  }

  @Test
  void thePreviewIsDiscoveredInReferenceOrder() {
    Path model = fixture.model(fixture.loras(), "m.safetensors", CONTENT);
    fixture.preview(model, ".gif");
    Path preview = fixture.preview(model, ".preview.png");

    ModelEntry entry = catalogued(Processing.process(ModelType.LORA, fixture.loras(), null, model));

    assertThat(entry.previewUrl()).isEqualTo(slashes(preview));
    assertThat(readJson(sidecarOf(model)).get("preview_url").asText()).isEqualTo(slashes(preview));
  }

  @Test
  void autov3IsTakenFromTheSafetensorsHeader() {
    Path model =
        SafetensorsFiles.write(
            fixture.loras().resolve("m.safetensors"), "sshs_model_hash", "0x" + "AB12".repeat(16));

    ModelEntry entry = catalogued(Processing.process(ModelType.LORA, fixture.loras(), null, model));

    assertThat(entry.autov3()).isEqualTo("ab12ab12ab12");
    assertThat(readJson(sidecarOf(model)).get("autov3").asText()).isEqualTo("ab12ab12ab12");
  }

  @Test
  void aCivitaiInfoFileIsImportedFromItsPrimaryFile() throws Exception {
    Path model = fixture.model(fixture.loras(), "m.safetensors", CONTENT);
    String sha = LibraryFixture.sha256(CONTENT);
    String info =
        """
        {"id": 222, "modelId": 111, "name": "v2.0", "baseModel": "SDXL 1.0",
         "trainedWords": ["glowing"],
         "creator": {"username": "alice"},
         "model": {"name": "Great Style", "type": "LoCon", "tags": ["style", "anime"],
                   "description": "<p>desc</p>", "allowNoCredit": false},
         "files": [
           {"name": "other.safetensors", "primary": false, "hashes": {"SHA256": "%s"}},
           {"name": "m.safetensors", "primary": true,
            "hashes": {"SHA256": "%s", "AutoV3": "ABCDEF0123456789"}}]}
        """
            .formatted("F".repeat(64), sha.toUpperCase());
    fixture.civitaiInfo(model, info);

    ModelEntry entry = catalogued(Processing.process(ModelType.LORA, fixture.loras(), null, model));

    ObjectNode sidecar = readJson(sidecarOf(model));
    assertThat(sidecar.get("sha256").asText()).isEqualTo(sha);
    assertThat(sidecar.get("model_name").asText()).isEqualTo("Great Style");
    assertThat(sidecar.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(sidecar.get("tags").toString()).isEqualTo("[\"style\",\"anime\"]");
    assertThat(sidecar.get("modelDescription").asText()).isEqualTo("<p>desc</p>");
    assertThat(sidecar.get("metadata_source").asText()).isEqualTo("civitai_api");
    assertThat(sidecar.get("from_civitai").asBoolean()).isTrue();
    assertThat(sidecar.get("hash_status").asText()).isEqualTo("completed");
    assertThat(sidecar.get("autov3").asText()).isEqualTo("abcdef012345");
    assertThat(sidecar.get("civitai")).isEqualTo(new ObjectMapper().readTree(info));
    assertThat(entry.modelName()).isEqualTo("Great Style");
    assertThat(entry.tags()).containsExactly("style", "anime");
    assertThat(entry.civitai())
        .isEqualTo(new CivitaiRef(222L, 111L, "v2.0", "alice", List.of("glowing"), "LoCon"));
    assertThat(entry.licenseFlags()).isEqualTo(112);
  }

  @Test
  void aCivitaiInfoWithoutHashesFallsBackToHashingTheFile() {
    Path model = fixture.model(fixture.loras(), "m.safetensors", CONTENT);
    fixture.civitaiInfo(model, "{\"model\": {\"name\": \"N\"}, \"files\": []}");

    ModelEntry entry = catalogued(Processing.process(ModelType.LORA, fixture.loras(), null, model));

    assertThat(entry.sha256()).isEqualTo(LibraryFixture.sha256(CONTENT));
    assertThat(entry.modelName()).isEqualTo("N");
    assertThat(entry.baseModel()).isEqualTo("Unknown");
  }

  @Test
  void anUnreadableCivitaiInfoIsIgnored() {
    Path model = fixture.model(fixture.loras(), "m.safetensors", CONTENT);
    fixture.civitaiInfo(model, "{broken");

    ModelEntry entry = catalogued(Processing.process(ModelType.LORA, fixture.loras(), null, model));

    assertThat(entry.modelName()).isEqualTo("m");
    assertThat(entry.sha256()).isEqualTo(LibraryFixture.sha256(CONTENT));
    assertThat(entry.metadataSource()).isNull();
  }

  @Test
  void aSidecarThatCannotBeWrittenIsAProblemAndNothingIsChanged() throws IOException {
    Path model = fixture.model(fixture.loras(), "m.safetensors", CONTENT);
    // A folder where the sidecar should go: the atomic rename over it fails, even for root.
    Files.createDirectory(sidecarOf(model));

    ModelFileProcessor.Outcome outcome =
        Processing.process(ModelType.LORA, fixture.loras(), null, model);

    assertThat(outcome).isInstanceOf(ModelFileProcessor.Problem.class);
    ScanProblem problem = ((ModelFileProcessor.Problem) outcome).problem();
    assertThat(problem.filePath()).isEqualTo(slashes(model));
    assertThat(problem.error())
        .isEqualTo(
            "unreadable: FileSystemException "
                + model.resolveSibling("m.metadata.json.tmp")
                + " -> "
                + sidecarOf(model)
                + ": Is a directory");
    assertThat(Files.isDirectory(sidecarOf(model))).isTrue();
    assertThat(Files.readAllBytes(model)).isEqualTo(CONTENT);
    try (var files = Files.list(fixture.loras())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("m.safetensors", "m.metadata.json");
    }
  }
}
