package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever path a request names, {@link PreviewFiles#resolve} either refuses it or returns a file
 * whose real path lies inside a root's real path: no {@code ..}, symlink or encoding escapes.
 */
class PathConfinementProperties {

  private static Path base;
  private static Path models;
  private static PreviewFiles previews;
  private static List<Path> realRoots;

  /**
   * {@code base/models/{loras,checkpoints,embeddings}} with previews; {@code loras/link-out} links
   * to {@code base/outside}, {@code loras/a/link-file.png} to {@code base/outside/secret.png}, and
   * the {@code embeddings} root itself is a link to {@code base/real-embeddings}.
   */
  @BeforeContainer
  static void buildLibrary() throws IOException {
    base = Files.createTempDirectory("lm-confine").toRealPath();
    models = base.resolve("models");
    Path outside = base.resolve("outside");
    LibraryFixture.write(outside.resolve("secret.png"), LibraryFixture.PNG);
    LibraryFixture.write(outside.resolve("x.png"), LibraryFixture.PNG);
    LibraryFixture.write(models.resolve("loras/x.png"), LibraryFixture.PNG);
    LibraryFixture.write(models.resolve("loras/a/x.png"), LibraryFixture.PNG);
    LibraryFixture.write(models.resolve("loras/a/x.safetensors"), new byte[] {1});
    LibraryFixture.write(models.resolve("checkpoints/x.webp"), LibraryFixture.PNG);
    LibraryFixture.write(base.resolve("real-embeddings/x.png"), LibraryFixture.PNG);
    LibraryFixture.symlink(models.resolve("loras/link-out"), outside);
    LibraryFixture.symlink(models.resolve("loras/a/link-file.png"), outside.resolve("secret.png"));
    LibraryFixture.symlink(models.resolve("embeddings"), base.resolve("real-embeddings"));
    Path data = Files.createDirectories(base.resolve("data"));
    LibraryRoots roots =
        new LibraryRoots(TestConfig.of(data, models), TestConfig.of(data, models).settings());
    previews = new PreviewFiles(roots);
    realRoots = roots.all().stream().map(ModelRoot::realPath).toList();
  }

  @AfterContainer
  static void removeLibrary() {
    LibraryFixture.deleteTree(base);
  }

  @Property(tries = 2000)
  void resolveRefusesOrStaysInsideARoot(@ForAll("requestPaths") String raw) throws IOException {
    PreviewFiles.Preview preview = null;
    try {
      preview = previews.resolve(raw);
      Statistics.collect("served");
    } catch (LmException e) {
      Statistics.collect("refused " + e.kind());
    }
    Statistics.coverage(
        coverage -> {
          coverage.check("served").count(n -> n > 0);
          coverage.check("refused BAD_INPUT").count(n -> n > 0);
          coverage.check("refused NOT_FOUND").count(n -> n > 0);
        });
    if (preview != null) {
      Path real = preview.file().toRealPath();
      assertThat(realRoots).anyMatch(root -> real.startsWith(root) && !real.equals(root));
    }
  }

  /** Random paths, and near-valid ones (a root, a few segments, a file) so some are served. */
  @Provide
  Arbitrary<String> requestPaths() {
    Arbitrary<String> start =
        Arbitraries.of(
            models + "/", models + "/loras/", models + "/embeddings/", base + "/", "/", "");
    Arbitrary<String> segment =
        Arbitraries.of(
            "..",
            ".",
            "loras",
            "checkpoints",
            "embeddings",
            "real-embeddings",
            "models",
            "outside",
            "a",
            "x.png",
            "x.webp",
            "x.safetensors",
            "secret.png",
            "link-out",
            "link-file.png",
            "",
            "/",
            "//",
            "%2e%2e",
            "..%2f",
            "%2F",
            "\\..",
            "~",
            "\u0000",
            "x.png\u0000.txt");
    Arbitrary<String> random =
        Combinators.combine(start, segment.list().ofMaxSize(8))
            .as((prefix, segments) -> prefix + String.join("/", segments));
    Arbitrary<String> root =
        Arbitraries.of("loras", "checkpoints", "embeddings").map(r -> models + "/" + r + "/");
    Arbitrary<String> middle = Arbitraries.of("a", ".", "..", "link-out", "a/..", "//");
    Arbitrary<String> file =
        Arbitraries.of("x.png", "x.webp", "secret.png", "link-file.png", "x.safetensors");
    Arbitrary<String> nearValid =
        Combinators.combine(root, middle.list().ofMaxSize(2), file)
            .as((prefix, segments, name) -> prefix + String.join("/", segments) + "/" + name);
    return Arbitraries.oneOf(random, nearValid);
  }

  @Example
  void aPreviewInsideARootResolvesToItsRealFile() throws IOException {
    PreviewFiles.Preview preview = previews.resolve(models + "/loras/a/./x.png");

    assertThat(preview.file()).isEqualTo(models.resolve("loras/a/x.png").toRealPath());
    assertThat(preview.contentType()).isEqualTo("image/png");
  }

  @Example
  void aRootThatIsASymlinkServesItsFiles() {
    PreviewFiles.Preview preview = previews.resolve(models + "/embeddings/x.png");

    assertThat(preview.file()).isEqualTo(base.resolve("real-embeddings/x.png"));
  }

  @Example
  void aFolderLinkOutOfARootIsRefused() {
    String raw = models + "/loras/link-out/secret.png";

    assertThatThrownBy(() -> previews.resolve(raw))
        .isInstanceOfSatisfying(
            LmException.class, e -> assertThat(e.kind()).isEqualTo(LmException.Kind.BAD_INPUT))
        .hasMessage("Path '" + raw + "' is outside the configured model folders");
  }

  @Example
  void aFileLinkOutOfARootIsRefused() {
    String raw = models + "/loras/a/link-file.png";

    assertThatThrownBy(() -> previews.resolve(raw))
        .isInstanceOfSatisfying(
            LmException.class, e -> assertThat(e.kind()).isEqualTo(LmException.Kind.BAD_INPUT))
        .hasMessage("Path '" + raw + "' is outside the configured model folders");
  }

  @Example
  void dotDotThroughARootIntoItsSiblingIsRefused() {
    String raw = models + "/loras/../../outside/x.png";

    assertThatThrownBy(() -> previews.resolve(raw))
        .isInstanceOfSatisfying(
            LmException.class, e -> assertThat(e.kind()).isEqualTo(LmException.Kind.BAD_INPUT))
        .hasMessage("Path '" + raw + "' is outside the configured model folders");
  }
}
