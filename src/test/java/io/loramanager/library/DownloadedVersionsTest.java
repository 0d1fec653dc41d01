package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.DownloadedVersions.Mark;
import io.loramanager.library.DownloadedVersions.Source;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.UniqueIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The downloaded-version history on the real SQLite file (anchor-downloads §4.2). */
@QuarkusTest
class DownloadedVersionsTest {

  @Inject DownloadedVersions history;
  @Inject Database database;

  private long model;
  private long version;

  @BeforeEach
  void ids() {
    model = UniqueIds.next(10);
    version = model + 1;
  }

  private static Mark download(Long modelId, Long fileId, String fileName) {
    return new Mark(modelId, Source.DOWNLOAD, "/models/loras/a.safetensors", fileId, fileName);
  }

  /** The version row as stored: model_id, source, last_file_path, is_deleted_override. */
  private List<Object> row(String type, long versionId) {
    return database.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT model_id, source, last_file_path, last_library_name,"
                      + " is_deleted_override FROM downloaded_model_versions"
                      + " WHERE model_type = ? AND version_id = ?")) {
            q.setString(1, type);
            q.setLong(2, versionId);
            try (ResultSet r = q.executeQuery()) {
              List<Object> out = new ArrayList<>();
              if (r.next()) {
                out.add(r.getObject(1) == null ? null : r.getLong(1));
                for (int i = 2; i <= 5; i++) {
                  out.add(r.getObject(i));
                }
              }
              return out;
            }
          }
        });
  }

  @Test
  void aMarkedVersionHasBeenDownloadedAndIsListedUnderItsModel() {
    history.markDownloaded("lora", version, download(model, 5L, "a.safetensors"));

    assertThat(history.hasBeenDownloaded("lora", version)).isTrue();
    assertThat(history.downloadedVersionIds("lora", model)).containsExactly(version);
    assertThat(history.downloadedFileIds("lora", version)).containsExactly(5L);
    assertThat(row("lora", version))
        .containsExactly(model, "download", "/models/loras/a.safetensors", "default", 0);
    assertThat(history.hasBeenDownloaded("checkpoint", version)).isFalse();
  }

  @Test
  void markingDeletedHidesTheVersionAndRemovingTheMarkRestoresIt() {
    history.markDownloaded("lora", version, download(model, 5L, "a.safetensors"));

    history.markDeleted("lora", version);
    assertThat(history.hasBeenDownloaded("lora", version)).isFalse();
    assertThat(history.downloadedVersionIds("lora", model)).isEmpty();
    assertThat(history.downloadedFileIds("lora", version)).isEmpty();
    assertThat(row("lora", version).get(4)).isEqualTo(1);

    history.markDownloaded("lora", version, download(null, null, null));
    assertThat(history.hasBeenDownloaded("lora", version)).isTrue();
    // The model id given before is kept when the new mark has none.
    assertThat(history.downloadedVersionIds("lora", model)).containsExactly(version);
    assertThat(row("lora", version).get(4)).isEqualTo(0);
  }

  @Test
  void aVersionNeverDownloadedCanBeMarkedDeleted() {
    history.markDeleted("checkpoint", version);

    assertThat(history.hasBeenDownloaded("checkpoint", version)).isFalse();
    assertThat(row("checkpoint", version)).containsExactly(null, null, null, null, 1);
  }

  @Test
  void fileRowsAreKeptPerFileWithoutDuplicates() {
    history.markDownloaded("lora", version, download(model, 7L, "b.safetensors"));
    history.markDownloaded("lora", version, download(model, 5L, "a.safetensors"));
    history.markDownloaded("lora", version, download(model, 5L, "a.safetensors"));
    assertThat(history.downloadedFileIds("lora", version)).containsExactly(5L, 7L);

    history.markFileDeleted("lora", version, 5L);
    assertThat(history.downloadedFileIds("lora", version)).containsExactly(7L);
    assertThat(history.hasBeenDownloaded("lora", version)).isTrue();
  }

  @Test
  void civitaiTypeNamesAreNormalised() {
    history.markDownloaded("LoCon", version, download(model, null, null));
    history.markDownloaded("TextualInversion", version + 1, download(model, null, null));

    assertThat(history.hasBeenDownloaded("dora", version)).isTrue();
    assertThat(history.hasBeenDownloaded("lora", version)).isTrue();
    assertThat(history.hasBeenDownloaded("embedding", version + 1)).isTrue();
    assertThat(history.downloadedVersionIds("embedding", model)).containsExactly(version + 1);
  }

  @Test
  void unknownTypesAndInvalidIdsChangeNothing() {
    history.markDownloaded("vae", version, download(model, 1L, "x"));
    history.markDownloaded("lora", 0, download(model, 1L, "x"));
    history.markDownloaded("lora", -4, download(model, 1L, "x"));
    history.markDeleted(null, version);
    history.markFileDeleted("workflow", version, 1L);

    assertThat(history.hasBeenDownloaded("vae", version)).isFalse();
    assertThat(history.downloadedVersionIds("lora", model)).isEmpty();
    assertThat(history.downloadedVersionIds("vae", model)).isEmpty();
    assertThat(history.downloadedFileIds("vae", version)).isEmpty();
    assertThat(row("lora", version)).isEmpty();
    assertThat(DownloadedVersions.normaliseType(" Checkpoint ")).contains("checkpoint");
    assertThat(DownloadedVersions.normaliseType("loras")).isEmpty();
  }
}
