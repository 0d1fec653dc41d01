package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathNamesTest {

  @Test
  void baseNameStripsOnlyTheLastExtension() {
    assertThat(PathNames.baseName("a.b.safetensors")).isEqualTo("a.b");
    assertThat(PathNames.baseName("model.safetensors")).isEqualTo("model");
    assertThat(PathNames.baseName("model.metadata.json")).isEqualTo("model.metadata");
  }

  @Test
  void baseNameKeepsNamesWithoutExtensionAndDotFiles() {
    assertThat(PathNames.baseName("README")).isEqualTo("README");
    assertThat(PathNames.baseName(".hidden")).isEqualTo(".hidden");
    assertThat(PathNames.baseName("")).isEqualTo("");
  }

  @Test
  void lastSegmentOfSlashPaths() {
    assertThat(PathNames.lastSegment("/lib/loras/sub/x.safetensors")).isEqualTo("x.safetensors");
    assertThat(PathNames.lastSegment("x.safetensors")).isEqualTo("x.safetensors");
    assertThat(PathNames.lastSegment("/lib/")).isEqualTo("");
  }

  @Test
  void slashesKeepsForwardSlashPathsAsTheyAre() {
    assertThat(PathNames.slashes(Path.of("/lib/loras/a b/x.safetensors")))
        .isEqualTo("/lib/loras/a b/x.safetensors");
    assertThat(PathNames.slashes("relative/path")).isEqualTo("relative/path");
  }
}
