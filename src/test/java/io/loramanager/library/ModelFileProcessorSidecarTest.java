package io.loramanager.library;

import static io.loramanager.testsupport.LibraryFixture.readJson;
import static io.loramanager.testsupport.LibraryFixture.sidecarOf;
import static io.loramanager.testsupport.LibraryFixture.slashes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.Processing;
import io.loramanager.testsupport.SafetensorsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model with a sidecar: corrupt, stale, unchanged, partly filled. */
class ModelFileProcessorSidecarTest {

  @TempDir Path tmp;

  private LibraryFixture fixture;
  private Path loras;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new LibraryFixture(tmp.toRealPath());
    loras = fixture.loras();
  }

  private ModelFileProcessor.Outcome process(Path model) {
    return Processing.process(ModelType.LORA, loras, null, model);
  }

  private ModelEntry catalogued(Path model) {
    ModelFileProcessor.Outcome outcome = process(model);
    assertThat(outcome).isInstanceOf(ModelFileProcessor.Catalogued.class);
    return ((ModelFileProcessor.Catalogued) outcome).entry();
  }

  private ScanProblem problem(Path model) {
    ModelFileProcessor.Outcome outcome = process(model);
    assertThat(outcome).isInstanceOf(ModelFileProcessor.Problem.class);
    return ((ModelFileProcessor.Problem) outcome).problem();
  }

  private static List<String> keys(ObjectNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void corruptSidecarIsReportedAndLeftUntouched() throws IOException {
    Path model = fixture.model(loras, "m.safetensors");
    byte[] modelBytes = Files.readAllBytes(model);
    Path sidecar = fixture.rawSidecar(model, "{\"file_name\": \"m\", oops");

    ScanProblem problem = problem(model);

    assertThat(problem.filePath()).isEqualTo(slashes(model));
    assertThat(problem.error()).startsWith("corrupt sidecar: invalid JSON: ");
    assertThat(Files.readString(sidecar)).isEqualTo("{\"file_name\": \"m\", oops");
    assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
    assertThat(Files.exists(sidecar.resolveSibling("m.metadata.json.tmp"))).isFalse();
  }

  @Test
  void aSidecarMissingARequiredKeyIsCorruptNamingIt() throws IOException {
    Path model = fixture.modelWithSidecar(loras, "m.safetensors", n -> n.remove("sha256"));
    byte[] before = Files.readAllBytes(sidecarOf(model));

    assertThat(problem(model).error())
        .isEqualTo("corrupt sidecar: missing required field(s) sha256");
    assertThat(Files.readAllBytes(sidecarOf(model))).isEqualTo(before);
  }

  @Test
  void aSidecarThatIsNotAnObjectIsCorrupt() throws IOException {
    Path model = fixture.model(loras, "m.safetensors");
    fixture.rawSidecar(model, "[1, 2]");

    assertThat(problem(model).error()).isEqualTo("corrupt sidecar: not a JSON object");
    assertThat(Files.readString(sidecarOf(model))).isEqualTo("[1, 2]");
  }

  @Test
  void anUpToDateSidecarIsReadButNotRewritten() throws IOException {
    Path model =
        fixture.modelWithSidecar(
            loras, "sub/m.safetensors", n -> n.put("model_name", "Nice").putArray("tags").add("a"));
    Path sidecar = sidecarOf(model);
    byte[] before = Files.readAllBytes(sidecar);
    FileTime mtime = FileTime.fromMillis(1_600_000_000_000L);
    Files.setLastModifiedTime(sidecar, mtime);

    ModelEntry entry = catalogued(model);

    assertThat(Files.readAllBytes(sidecar)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(sidecar)).isEqualTo(mtime);
    assertThat(entry.modelName()).isEqualTo("Nice");
    assertThat(entry.tags()).containsExactly("a");
    assertThat(entry.folder()).isEqualTo("sub");
    assertThat(entry.baseModel()).isEqualTo("SD 1.5");
    assertThat(entry.modified()).isEqualTo(1700000000.0);
    assertThat(entry.stamp().sidecarMtimeMs()).isEqualTo(1_600_000_000_000L);
  }

  @Test
  void staleFileNameAndPathAreFixedAndSaved() throws IOException {
    Path model =
        fixture.modelWithSidecar(
            loras,
            "m.safetensors",
            n ->
                n.put("file_name", "old-name")
                    .put("model_name", "Kept Name")
                    .put("file_path", "/elsewhere/old-name.safetensors"));

    ModelEntry entry = catalogued(model);

    ObjectNode saved = readJson(sidecarOf(model));
    assertThat(saved.get("file_name").asText()).isEqualTo("m");
    assertThat(saved.get("file_path").asText()).isEqualTo(slashes(model));
    assertThat(saved.get("model_name").asText()).isEqualTo("Kept Name");
    assertThat(entry.fileName()).isEqualTo("m");
    assertThat(entry.filePath()).isEqualTo(slashes(model));
    assertThat(entry.stamp().sidecarSize()).isEqualTo(Files.size(sidecarOf(model)));
  }

  @Test
  void unknownKeysArePreservedInOrderThroughAReSave() throws IOException {
    Path model =
        fixture.modelWithSidecar(
            loras,
            "m.safetensors",
            n -> {
              n.put("file_path", "/stale/m.safetensors");
              n.put("hf_url", "https://huggingface.co/owner/repo");
              n.putObject("custom").putArray("nested").add(1).add("two");
              n.put("_private", "dropped");
              n.put("zz_last", 3.5);
            });
    List<String> before = keys(readJson(sidecarOf(model)));

    catalogued(model);

    ObjectNode saved = readJson(sidecarOf(model));
    List<String> expected = new ArrayList<>(before);
    expected.remove("_private");
    assertThat(keys(saved)).containsExactlyElementsOf(expected);
    assertThat(saved.get("hf_url").asText()).isEqualTo("https://huggingface.co/owner/repo");
    assertThat(saved.get("custom").toString()).isEqualTo("{\"nested\":[1,\"two\"]}");
    assertThat(saved.get("zz_last").asDouble()).isEqualTo(3.5);
    assertThat(saved.get("file_path").asText()).isEqualTo(slashes(model));
  }

  @Test
  void aMissingPreviewIsReplacedByTheOneOnDisk() {
    Path model =
        fixture.modelWithSidecar(loras, "m.safetensors", n -> n.put("preview_url", "/gone/m.webp"));
    Path preview = fixture.preview(model, ".png");

    ModelEntry entry = catalogued(model);

    assertThat(entry.previewUrl()).isEqualTo(slashes(preview));
    assertThat(readJson(sidecarOf(model)).get("preview_url").asText()).isEqualTo(slashes(preview));
  }

  @Test
  void aPreviewInAnotherFolderIsReplacedByTheModelsOwn() {
    Path elsewhere = fixture.preview(fixture.model(loras, "other/m.safetensors"), ".webp");
    Path model =
        fixture.modelWithSidecar(
            loras, "m.safetensors", n -> n.put("preview_url", slashes(elsewhere)));
    Path own = fixture.preview(model, ".jpg");

    assertThat(catalogued(model).previewUrl()).isEqualTo(slashes(own));
  }

  @Test
  void aMissingPreviewWithNoReplacementIsLeftAsIs() throws IOException {
    Path model =
        fixture.modelWithSidecar(loras, "m.safetensors", n -> n.put("preview_url", "/gone/m.webp"));
    byte[] before = Files.readAllBytes(sidecarOf(model));

    assertThat(catalogued(model).previewUrl()).isEqualTo("/gone/m.webp");
    assertThat(Files.readAllBytes(sidecarOf(model))).isEqualTo(before);
  }

  @Test
  void anEmptyShaIsComputedAndSavedUnlessPending() throws IOException {
    Path model = fixture.modelWithSidecar(loras, "m.safetensors", n -> n.put("sha256", ""));
    Path pending =
        fixture.modelWithSidecar(
            loras, "p.safetensors", n -> n.put("sha256", "").put("hash_status", "pending"));

    assertThat(catalogued(model).sha256())
        .isEqualTo(LibraryFixture.sha256(Files.readAllBytes(model)));
    assertThat(readJson(sidecarOf(model)).get("sha256").asText())
        .isEqualTo(LibraryFixture.sha256(Files.readAllBytes(model)));
    assertThat(catalogued(pending).sha256()).isEqualTo("");
  }

  @Test
  void anEmptyCivitaiIsRestoredFromCivitaiInfo() {
    Path model =
        fixture.modelWithSidecar(loras, "m.safetensors", n -> n.put("modelDescription", "mine"));
    fixture.civitaiInfo(
        model,
        "{\"id\": 5, \"modelId\": 6, \"model\": {\"name\": \"Other Name\", \"tags\": [\"t\"],"
            + " \"description\": \"theirs\"}}");

    ModelEntry entry = catalogued(model);

    ObjectNode saved = readJson(sidecarOf(model));
    assertThat(saved.get("civitai").get("modelId").asLong()).isEqualTo(6);
    assertThat(saved.get("tags").toString()).isEqualTo("[\"t\"]");
    assertThat(saved.get("modelDescription").asText()).isEqualTo("mine");
    assertThat(saved.get("model_name").asText()).isEqualTo("m");
    assertThat(entry.civitaiVersionId()).isEqualTo(5L);
  }

  @Test
  void anUncheckedAutov3IsReadFromTheHeaderOnceAndSaved() throws IOException {
    Path model =
        SafetensorsFiles.write(loras.resolve("m.safetensors"), "sshs_model_hash", "1234567890ab");
    ObjectNode sidecar = LibraryFixture.defaultSidecar(model);
    sidecar.remove("autov3");
    fixture.writeSidecar(model, sidecar);

    assertThat(catalogued(model).autov3()).isEqualTo("1234567890ab");
    assertThat(readJson(sidecarOf(model)).get("autov3").asText()).isEqualTo("1234567890ab");
  }

  @Test
  void aCheckedEmptyAutov3DoesNotReadTheHeaderAgain() throws IOException {
    Path model =
        SafetensorsFiles.write(loras.resolve("m.safetensors"), "sshs_model_hash", "1234567890ab");
    fixture.writeSidecar(model, LibraryFixture.defaultSidecar(model));
    byte[] before = Files.readAllBytes(sidecarOf(model));

    assertThat(catalogued(model).autov3()).isEqualTo("");
    assertThat(Files.readAllBytes(sidecarOf(model))).isEqualTo(before);
  }

  @Test
  void civitaisAutov3ForTheMatchingFileWinsOverTheHeader() throws IOException {
    Path model =
        SafetensorsFiles.write(loras.resolve("m.safetensors"), "sshs_model_hash", "1234567890ab");
    String sha = LibraryFixture.sha256(Files.readAllBytes(model));
    ObjectNode sidecar = LibraryFixture.defaultSidecar(model);
    sidecar.remove("autov3");
    ObjectNode civitai = sidecar.putObject("civitai");
    civitai
        .putArray("files")
        .add(fileHashes("0".repeat(64), "999999999999"))
        .add(fileHashes(sha.toUpperCase(), "AAAABBBBCCCC"));
    fixture.writeSidecar(model, sidecar);

    assertThat(catalogued(model).autov3()).isEqualTo("aaaabbbbcccc");
  }

  private static ObjectNode fileHashes(String sha, String autov3) {
    ObjectNode file = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    file.putObject("hashes").put("SHA256", sha).put("AutoV3", autov3);
    return file;
  }
}
