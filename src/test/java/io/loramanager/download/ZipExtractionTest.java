package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.library.ModelType;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking a downloaded zip (anchor-downloads §3.3 item 7) on real files. */
class ZipExtractionTest {

  @TempDir Path temp;

  private Path zipIn(Path folder, List<Map.Entry<String, byte[]>> entries) {
    Path zip = folder.resolve("pack.zip");
    LibraryFixture.write(zip, VersionDownloads.zip(entries));
    return zip;
  }

  @Test
  void modelFilesAreFlattenedIntoTheFolderAndClashesNumbered() throws Exception {
    Path folder = temp.resolve("lib/ink");
    LibraryFixture.write(folder.resolve("a.safetensors"), new byte[] {0});
    Path zip =
        zipIn(
            folder,
            List.of(
                Map.entry("a.safetensors", new byte[] {1}),
                Map.entry("deep/dir/a.safetensors", new byte[] {2}),
                Map.entry("docs/", new byte[0]),
                Map.entry("readme.txt", new byte[] {3}),
                Map.entry("B.SafeTensors", new byte[] {4})));

    List<Path> files = new ZipExtraction(1000).extract(zip, ModelType.LORA);

    assertThat(files)
        .containsExactly(
            folder.resolve("a-1.safetensors"),
            folder.resolve("a-2.safetensors"),
            folder.resolve("B.SafeTensors"));
    assertThat(LibraryFixture.read(folder.resolve("a.safetensors"))).containsExactly(0);
    assertThat(LibraryFixture.read(folder.resolve("a-1.safetensors"))).containsExactly(1);
    assertThat(LibraryFixture.read(folder.resolve("a-2.safetensors"))).containsExactly(2);
    assertThat(LibraryFixture.read(folder.resolve("B.SafeTensors"))).containsExactly(4);
    assertThat(LibraryRequests.namesIn(folder))
        .containsExactly(
            "B.SafeTensors", "a-1.safetensors", "a-2.safetensors", "a.safetensors", "pack.zip");
  }

  @Test
  void entriesThatClimbOutOfTheFolderLandInsideIt() throws Exception {
    Path folder = temp.resolve("lib/ink");
    Path zip =
        zipIn(
            folder,
            List.of(
                Map.entry("../../evil.safetensors", new byte[] {1}),
                Map.entry("/abs/rooted.safetensors", new byte[] {2}),
                Map.entry("..\\..\\win.safetensors", new byte[] {3}),
                Map.entry("..", new byte[] {4})));

    List<Path> files = new ZipExtraction(1000).extract(zip, ModelType.LORA);

    assertThat(files)
        .containsExactly(
            folder.resolve("evil.safetensors"),
            folder.resolve("rooted.safetensors"),
            folder.resolve("win.safetensors"));
    assertThat(LibraryRequests.namesIn(temp)).containsExactly("lib");
    assertThat(LibraryRequests.namesIn(temp.resolve("lib"))).containsExactly("ink");
  }

  @Test
  void anArchiveWithoutModelFilesNamesTheExtensionsItLookedFor() throws Exception {
    Path folder = temp.resolve("emb");
    Path zip = zipIn(folder, List.of(Map.entry("readme.txt", new byte[] {1})));

    assertThatThrownBy(() -> new ZipExtraction(1000).extract(zip, ModelType.EMBEDDING))
        .isInstanceOf(ModelDownload.Refused.class)
        .hasMessage(
            "Zip archive does not contain any supported model files (.bin, .ckpt, .pkl, .pt, .pt2,"
                + " .pth, .safetensors, .sft)");
    assertThatThrownBy(() -> new ZipExtraction(1000).extract(zip, ModelType.LORA))
        .hasMessage("Zip archive does not contain any supported model files (.safetensors)");
    assertThat(LibraryRequests.namesIn(folder)).containsExactly("pack.zip");
  }

  @Test
  void anArchiveExpandingPastTheBoundStopsAndLeavesNothing() throws Exception {
    Path folder = temp.resolve("bomb");
    Path zip =
        zipIn(
            folder,
            List.of(
                Map.entry("first.safetensors", new byte[600]),
                Map.entry("second.safetensors", new byte[600])));

    assertThatThrownBy(() -> new ZipExtraction(1000).extract(zip, ModelType.LORA))
        .isInstanceOf(ModelDownload.Refused.class)
        .hasMessage("Zip archive expands to more than 1000 bytes; not extracted");
    assertThat(LibraryRequests.namesIn(folder)).containsExactly("pack.zip");
  }

  @Test
  void aSmallArchiveIsExtractedUnderItsDefaultBoundWithoutLeftovers() throws Exception {
    Path zip = zipIn(temp, List.of(Map.entry("a.safetensors", new byte[10])));

    assertThat(ZipExtraction.forArchive(zip).extract(zip, ModelType.LORA))
        .containsExactly(temp.resolve("a.safetensors"));
    assertThat(ZipExtraction.isZip(Path.of("x/Pack.ZIP"))).isTrue();
    assertThat(ZipExtraction.isZip(Path.of("x/pack.safetensors"))).isFalse();
    assertThat(Files.exists(temp.resolve("a.safetensors.extracting"))).isFalse();
  }

  @Test
  void aDamagedArchiveFailsWithTheReadersReason() {
    Path zip = temp.resolve("broken.zip");
    LibraryFixture.write(zip, new byte[] {'P', 'K', 3, 4, 1, 2, 3});

    assertThatThrownBy(() -> new ZipExtraction(1000).extract(zip, ModelType.LORA))
        .isInstanceOf(java.util.zip.ZipException.class);
    assertThat(LibraryRequests.namesIn(temp)).containsExactly("broken.zip");
  }
}
