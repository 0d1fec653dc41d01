package io.loramanager.library;

import static io.loramanager.testsupport.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashIndexTest {

  private static final String SHA_A = "a".repeat(10) + "0".repeat(54);
  private static final String SHA_B = "b".repeat(64);

  @Test
  void findsAPathBySha256IgnoringCase() {
    HashIndex index = new HashIndex(List.of(entry("x").sha256(SHA_A).build()));

    assertThat(index.pathOf(SHA_A)).isEqualTo("/lib/x.safetensors");
    assertThat(index.pathOf(SHA_A.toUpperCase())).isEqualTo("/lib/x.safetensors");
    assertThat(index.pathsOf(SHA_A.toUpperCase())).containsExactly("/lib/x.safetensors");
  }

  @Test
  void findsAPathByAutoV2TheFirstTenHexOfTheSha() {
    HashIndex index = new HashIndex(List.of(entry("x").sha256(SHA_A).build()));

    assertThat(index.pathOf("AAAAAAAAAA")).isEqualTo("/lib/x.safetensors");
    assertThat(index.pathOf("aaaaaaaaab")).isNull();
  }

  @Test
  void findsAPathByAutoV3() {
    HashIndex index =
        new HashIndex(List.of(entry("x").sha256(SHA_B).autov3("0123456789ab").build()));

    assertThat(index.pathOf("0123456789AB")).isEqualTo("/lib/x.safetensors");
    assertThat(index.pathOf("0123456789ac")).isNull();
  }

  @Test
  void otherLengthsAndUnknownHashesFindNothing() {
    HashIndex index = new HashIndex(List.of(entry("x").sha256(SHA_A).build()));

    assertThat(index.pathOf("aaaaaaaaaaa")).as("11 characters").isNull();
    assertThat(index.pathOf("")).isNull();
    assertThat(index.pathOf(SHA_B)).isNull();
    assertThat(index.pathsOf(SHA_B)).isEmpty();
  }

  @Test
  void emptyHashesAndUncheckedAutov3AreNotIndexed() {
    HashIndex index =
        new HashIndex(
            List.of(
                entry("pending").sha256("").autov3(null).build(),
                entry("checked").sha256("").autov3("").build()));

    assertThat(index.pathsOf("")).isEmpty();
    assertThat(index.duplicateHashes()).isEmpty();
    assertThat(index.pathOf("")).isNull();
  }

  @Test
  void duplicatesByHashListEveryPathInOrderAndTheLastIsPrimary() {
    HashIndex index =
        new HashIndex(
            List.of(
                entry("one").sha256(SHA_A).build(),
                entry("unique").sha256(SHA_B).build(),
                entry("sub/two").sha256(SHA_A).build()));

    assertThat(index.duplicateHashes())
        .containsExactly(
            Map.entry(SHA_A, List.of("/lib/one.safetensors", "/lib/sub/two.safetensors")));
    assertThat(index.pathOf(SHA_A)).isEqualTo("/lib/sub/two.safetensors");
    assertThat(index.pathOf("aaaaaaaaaa")).isEqualTo("/lib/sub/two.safetensors");
    assertThat(index.pathsOf(SHA_A))
        .containsExactly("/lib/one.safetensors", "/lib/sub/two.safetensors");
  }

  @Test
  void duplicateGroupsAreReadOnly() {
    HashIndex index =
        new HashIndex(
            List.of(entry("one").sha256(SHA_A).build(), entry("two").sha256(SHA_A).build()));

    assertThatThrownBy(() -> index.duplicateHashes().get(SHA_A).add("/x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theSameBaseNameInTwoFoldersIsAFileNameConflictWhateverTheContent() {
    HashIndex index =
        new HashIndex(
            List.of(
                entry("a/style").sha256(SHA_A).build(),
                entry("b/style").sha256(SHA_B).build(),
                entry("b/other").sha256("c".repeat(64)).build()));

    assertThat(index.duplicateFileNames())
        .containsExactly(
            Map.entry("style", List.of("/lib/a/style.safetensors", "/lib/b/style.safetensors")));
  }

  @Test
  void fileNamesAreComparedWithoutTheExtension() {
    HashIndex index =
        new HashIndex(
            List.of(
                entry("a/m").filePath("/lib/a/m.ckpt").build(),
                entry("b/m").filePath("/lib/b/m.safetensors").build(),
                entry("c/M").filePath("/lib/c/M.safetensors").build()));

    assertThat(index.duplicateFileNames())
        .containsExactly(Map.entry("m", List.of("/lib/a/m.ckpt", "/lib/b/m.safetensors")));
  }

  @Test
  void aSingleFileHasNoDuplicates() {
    HashIndex index = new HashIndex(List.of(entry("x").build()));

    assertThat(index.duplicateHashes()).isEmpty();
    assertThat(index.duplicateFileNames()).isEmpty();
  }
}
