package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walks real temp trees, with real symbolic links. */
class LibraryWalkerTest {

  @TempDir Path tmp;

  private final ForkJoinPool pool = new ForkJoinPool(4);
  private final LibraryWalker walker = new LibraryWalker(pool);
  private LibraryFixture fixture;
  private Path loras;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new LibraryFixture(tmp.toRealPath());
    loras = fixture.loras();
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private static ModelRoot root(Path path) throws IOException {
    return new ModelRoot(path, path.toRealPath(), null);
  }

  private LibraryWalker.Walk walk(ModelType type, Path... roots) throws IOException {
    List<ModelRoot> list = new java.util.ArrayList<>();
    for (Path r : roots) {
      list.add(root(r));
    }
    return walker.walk(type, list, () -> false);
  }

  private static List<String> paths(LibraryWalker.Walk walk) {
    return walk.models().stream().map(FoundModel::filePath).toList();
  }

  private String under(Path root, String relative) {
    return LibraryFixture.slashes(root.resolve(relative));
  }

  @Test
  void nestedFoldersAreWalkedWithTheirRelativeFolder() throws IOException {
    fixture.model(loras, "top.safetensors");
    fixture.model(loras, "sub/mid.safetensors");
    fixture.model(loras, "sub/deeper/low.SAFETENSORS");
    fixture.model(loras, ".hidden/secret.safetensors");

    LibraryWalker.Walk walk = walk(ModelType.LORA, loras);

    assertThat(walk.models())
        .extracting(FoundModel::filePath, FoundModel::folder)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(under(loras, "top.safetensors"), ""),
            org.assertj.core.groups.Tuple.tuple(under(loras, "sub/mid.safetensors"), "sub"),
            org.assertj.core.groups.Tuple.tuple(
                under(loras, "sub/deeper/low.SAFETENSORS"), "sub/deeper"),
            org.assertj.core.groups.Tuple.tuple(
                under(loras, ".hidden/secret.safetensors"), ".hidden"));
    assertThat(walk.unreadable()).isEmpty();
    assertThat(walk.cancelled()).isFalse();
  }

  @Test
  void onlyTheTypesExtensionsAreFound() throws IOException {
    Path checkpoints = fixture.checkpoints();
    fixture.model(checkpoints, "a.safetensors");
    fixture.model(checkpoints, "b.gguf");
    fixture.model(checkpoints, "c.txt");
    fixture.model(checkpoints, "a.metadata.json");
    fixture.model(checkpoints, "a.webp");

    assertThat(paths(walk(ModelType.CHECKPOINT, checkpoints)))
        .containsExactly(under(checkpoints, "a.safetensors"), under(checkpoints, "b.gguf"));
    assertThat(paths(walk(ModelType.LORA, checkpoints)))
        .containsExactly(under(checkpoints, "a.safetensors"));
  }

  @Test
  void pendingDeleteFoldersAreSkippedAtAnyDepth() throws IOException {
    fixture.model(loras, "keep.safetensors");
    fixture.model(loras, ".lm-pending-delete/0123/gone.safetensors");
    fixture.model(loras, "sub/.lm-pending-delete/4567/gone2.safetensors");

    assertThat(paths(walk(ModelType.LORA, loras)))
        .containsExactly(under(loras, "keep.safetensors"));
  }

  @Test
  void aSymlinkedFolderCycleIsVisitedOnce() throws IOException {
    fixture.model(loras, "a/one.safetensors");
    fixture.model(loras, "b/two.safetensors");
    Files.createSymbolicLink(loras.resolve("a/up"), loras);
    Files.createSymbolicLink(loras.resolve("b/self"), loras.resolve("b"));

    LibraryWalker.Walk walk = walk(ModelType.LORA, loras);

    assertThat(paths(walk))
        .containsExactly(under(loras, "a/one.safetensors"), under(loras, "b/two.safetensors"));
    assertThat(walk.unreadable()).isEmpty();
  }

  @Test
  void aLinkedFolderOutsideTheRootIsWalkedUnderItsLinkPath() throws IOException {
    Path outside = fixture.root("outside");
    fixture.model(outside, "far.safetensors");
    Files.createSymbolicLink(loras.resolve("linked"), outside);

    LibraryWalker.Walk walk = walk(ModelType.LORA, loras);

    assertThat(walk.models()).hasSize(1);
    FoundModel found = walk.models().get(0);
    assertThat(found.filePath()).isEqualTo(under(loras, "linked/far.safetensors"));
    assertThat(found.folder()).isEqualTo("linked");
    assertThat(found.realPath()).isEqualTo(outside.resolve("far.safetensors").toRealPath());
  }

  @Test
  void theSameFileThroughTwoRootsIsKeptOnceUnderTheFirstRoot() throws IOException {
    Path first = fixture.root("first");
    Path second = fixture.root("second");
    fixture.model(second, "real.safetensors");
    Files.createSymbolicLink(
        first.resolve("alias.safetensors"), second.resolve("real.safetensors"));

    assertThat(paths(walk(ModelType.LORA, first, second)))
        .containsExactly(under(first, "alias.safetensors"));
    assertThat(paths(walk(ModelType.LORA, second, first)))
        .containsExactly(under(second, "real.safetensors"));
  }

  @Test
  void aRootConfiguredTwiceThroughALinkIsWalkedOnce() throws IOException {
    fixture.model(loras, "m.safetensors");
    Path alias = tmp.resolve("alias");
    Files.createSymbolicLink(alias, loras);

    LibraryWalker.Walk walk =
        walker.walk(
            ModelType.LORA,
            List.of(root(loras), new ModelRoot(alias, loras.toRealPath(), null)),
            () -> false);

    assertThat(paths(walk)).containsExactly(under(loras, "m.safetensors"));
  }

  @Test
  void aDanglingSymlinkIsIgnored() throws IOException {
    fixture.model(loras, "real.safetensors");
    Files.createSymbolicLink(loras.resolve("dangling.safetensors"), tmp.resolve("nowhere"));
    Files.createSymbolicLink(loras.resolve("dangling-dir"), tmp.resolve("nowhere-dir"));

    LibraryWalker.Walk walk = walk(ModelType.LORA, loras);

    assertThat(paths(walk)).containsExactly(under(loras, "real.safetensors"));
    assertThat(walk.unreadable()).isEmpty();
  }

  @Test
  void aRootThatIsNotAFolderIsReportedUnreadable() throws IOException {
    Path notAFolder = tmp.resolve("file-root");
    Files.writeString(notAFolder, "x");
    Path missing = tmp.resolve("missing-root");

    LibraryWalker.Walk walk =
        walker.walk(
            ModelType.LORA,
            List.of(
                new ModelRoot(notAFolder, notAFolder, null), new ModelRoot(missing, missing, null)),
            () -> false);

    assertThat(walk.models()).isEmpty();
    assertThat(walk.unreadable())
        .containsExactlyInAnyOrder(
            LibraryFixture.slashes(notAFolder), LibraryFixture.slashes(missing));
  }

  @Test
  void anUnreadableFolderIsReportedAndTheRestWalked() throws IOException {
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root reads any folder");
    fixture.model(loras, "ok.safetensors");
    Path locked = loras.resolve("locked");
    fixture.model(loras, "locked/hidden.safetensors");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      LibraryWalker.Walk walk = walk(ModelType.LORA, loras);

      assertThat(paths(walk)).containsExactly(under(loras, "ok.safetensors"));
      assertThat(walk.unreadable()).containsExactly(LibraryFixture.slashes(locked));
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void stampsCarryTheModelAndSidecarSizes() throws IOException {
    Path withSidecar = fixture.modelWithSidecar(loras, "a.safetensors", node -> {});
    fixture.model(loras, "b.safetensors", new byte[7]);

    LibraryWalker.Walk walk = walk(ModelType.LORA, loras);

    FoundModel a = walk.models().get(0);
    FoundModel b = walk.models().get(1);
    assertThat(a.fileName()).isEqualTo("a.safetensors");
    assertThat(a.baseName()).isEqualTo("a");
    assertThat(a.stamp().fileSize()).isEqualTo(Files.size(withSidecar));
    assertThat(a.stamp().sidecarSize())
        .isEqualTo(Files.size(LibraryFixture.sidecarOf(withSidecar)));
    assertThat(a.stamp().fileMtimeMs())
        .isEqualTo(Files.getLastModifiedTime(withSidecar).toMillis());
    assertThat(b.stamp().fileSize()).isEqualTo(7);
    assertThat(b.stamp().sidecarSize()).isEqualTo(-1);
    assertThat(b.stamp().sidecarMtimeMs()).isEqualTo(-1);
    assertThat(a.listing().names())
        .containsExactlyInAnyOrder("a.safetensors", "a.metadata.json", "b.safetensors");
    assertThat(a.root().path()).isEqualTo(loras);
  }

  @Test
  void aCancelledWalkFindsNothingAndSaysSo() throws IOException {
    fixture.model(loras, "m.safetensors");

    LibraryWalker.Walk walk = walker.walk(ModelType.LORA, List.of(root(loras)), () -> true);

    assertThat(walk.models()).isEmpty();
    assertThat(walk.cancelled()).isTrue();
  }
}
