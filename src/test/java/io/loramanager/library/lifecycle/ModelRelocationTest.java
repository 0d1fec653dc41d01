package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.errors.LmException;
import io.loramanager.library.SidecarStore;
import io.loramanager.storage.JsonFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All or nothing per model, with a file system that fails on the file chosen by the test. */
class ModelRelocationTest {

  @TempDir Path dir;

  private Path source;
  private Path target;
  private Path model;

  @BeforeEach
  void files() throws Exception {
    source = Files.createDirectories(dir.resolve("src"));
    target = Files.createDirectories(dir.resolve("dst"));
    model = Files.writeString(source.resolve("foo.safetensors"), "weights");
    Files.writeString(source.resolve("foo.webp"), "preview");
    Files.writeString(source.resolve("foo.civitai.info"), "{}");
    Files.writeString(source.resolve("foo.metadata.json"), "{}");
  }

  /** Renames for real, except the renames the test marks as failing. */
  private static final class FailingSteps implements FileMover.Steps {
    final List<String> failOn = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public void rename(Path from, Path to) throws IOException {
      String call = from.getFileName() + "->" + to.getParent().getFileName();
      calls.add(call);
      if (failOn.contains(call)) {
        throw new AccessDeniedException(from.toString());
      }
      FileMover.FILE_SYSTEM.rename(from, to);
    }

    @Override
    public void copy(Path from, Path to) throws IOException {
      FileMover.FILE_SYSTEM.copy(from, to);
    }
  }

  private ModelRelocation relocation(FailingSteps steps) {
    return new ModelRelocation(
        new FileMover(steps), new SidecarStore(new JsonFiles(new ObjectMapper())));
  }

  private List<String> names(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void whenTheThirdFileFailsTheFirstTwoAreMovedBack() throws Exception {
    FailingSteps steps = new FailingSteps();
    steps.failOn.add("foo.civitai.info->dst");

    assertThatThrownBy(() -> relocation(steps).relocate(model, target, "foo", null))
        .isInstanceOf(LmException.class)
        .hasMessage(
            "Cannot move "
                + source.resolve("foo.civitai.info")
                + " to "
                + target.resolve("foo.civitai.info")
                + ": permission denied; nothing was moved")
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.UNAVAILABLE);

    assertThat(steps.calls)
        .containsExactly(
            "foo.safetensors->dst",
            "foo.webp->dst",
            "foo.civitai.info->dst",
            "foo.webp->src",
            "foo.safetensors->src");
    assertThat(names(source))
        .containsExactly("foo.civitai.info", "foo.metadata.json", "foo.safetensors", "foo.webp");
    assertThat(names(target)).isEmpty();
    assertThat(model).hasContent("weights");
  }

  @Test
  void aFileThatCannotBePutBackIsNamed() throws Exception {
    FailingSteps steps = new FailingSteps();
    steps.failOn.add("foo.civitai.info->dst");
    steps.failOn.add("foo.webp->src");

    assertThatThrownBy(() -> relocation(steps).relocate(model, target, "foo", null))
        .hasMessage(
            "Cannot move "
                + source.resolve("foo.civitai.info")
                + " to "
                + target.resolve("foo.civitai.info")
                + ": permission denied; these files could not be put back: "
                + target.resolve("foo.webp")
                + " (permission denied)");

    assertThat(names(source))
        .containsExactly("foo.civitai.info", "foo.metadata.json", "foo.safetensors");
    assertThat(names(target)).containsExactly("foo.webp");
  }

  @Test
  void everyFileMovesSidecarLastUnderTheNewName() throws Exception {
    FailingSteps steps = new FailingSteps();

    List<ModelRelocation.Step> moved = relocation(steps).relocate(model, target, "bar", null);

    assertThat(moved)
        .extracting(step -> step.to().getFileName().toString())
        .containsExactly("bar.safetensors", "bar.webp", "bar.civitai.info", "bar.metadata.json");
    assertThat(names(source)).isEmpty();
  }
}
