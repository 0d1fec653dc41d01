package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.ModelType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's own companions are found by exact name; another model's never are. */
class CompanionFilesTest {

  @TempDir Path dir;

  private Path touch(String name) throws Exception {
    return Files.writeString(dir.resolve(name), name);
  }

  @Test
  void onlyTheModelsOwnCompanionsArePresentSidecarLast() throws Exception {
    Path foo = touch("foo.safetensors");
    for (String name :
        new String[] {
          "foo.metadata.json", "foo.metadata.json.bak", "foo.civitai.info", "foo.webp",
          "foo.preview.png", "foo.v2.safetensors", "foo.v2.metadata.json", "foo.v2.webp",
          "foo.v2.civitai.info", "foobar.webp", "foo.txt"
        }) {
      touch(name);
    }

    assertThat(CompanionFiles.present(foo))
        .containsExactly(
            ".webp", ".preview.png", ".civitai.info", ".metadata.json.bak", ".metadata.json");
  }

  @Test
  void aNameIsTakenByAModelOfAnyExtensionOrItsSidecar() throws Exception {
    touch("a.ckpt");
    touch("b.metadata.json");
    touch("c.webp");

    assertThat(CompanionFiles.taken(dir, "a", ModelType.CHECKPOINT, false)).isEqualTo("a.ckpt");
    assertThat(CompanionFiles.taken(dir, "b", ModelType.LORA, false)).isEqualTo("b.metadata.json");
    assertThat(CompanionFiles.taken(dir, "c", ModelType.LORA, false)).isNull();
    assertThat(CompanionFiles.taken(dir, "c", ModelType.LORA, true)).isEqualTo("c.webp");
    assertThat(CompanionFiles.taken(dir, "d", ModelType.LORA, true)).isNull();
  }
}
