package io.loramanager.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Builds a real model library on disk for tests: model files, reference-format sidecars, previews,
 * {@code .civitai.info} files. Layout: {@code <dir>/loras}, {@code <dir>/checkpoints}, {@code
 * <dir>/diffusion_models}, {@code <dir>/embeddings} — the default roots of {@code lm.models-dir}.
 */
public final class LibraryFixture {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The smallest valid PNG (1×1), used as preview content. */
  public static final byte[] PNG =
      HexFormat.of()
          .parseHex(
              "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

  /**
   * System property naming the models folder of the application under test, for tests that run
   * against a packaged application with its own library (set by {@link TempLibraryResource}).
   */
  public static final String LOCATION_PROPERTY = "lm.test.library";

  private final Path dir;

  public LibraryFixture(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * The fixture over the models folder ({@code lm.models-dir}) of the application under test: the
   * test profile's {@code target/test-library}, or the folder named by {@link #LOCATION_PROPERTY}.
   */
  public static LibraryFixture testLibrary() {
    return new LibraryFixture(
        Path.of(System.getProperty(LOCATION_PROPERTY, "target/test-library")));
  }

  public Path dir() {
    return dir;
  }

  /** Root folder of a kind: {@code loras}, {@code checkpoints}, {@code diffusion_models}, ... */
  public Path root(String name) {
    Path root = dir.resolve(name);
    mkdirs(root);
    return root;
  }

  public Path loras() {
    return root("loras");
  }

  public Path checkpoints() {
    return root("checkpoints");
  }

  public Path embeddings() {
    return root("embeddings");
  }

  /** The second checkpoint root (sub-type {@code diffusion_model}); rescan checkpoints after. */
  public Path diffusionModels() {
    return root("diffusion_models");
  }

  /** Empties the library and re-creates the three default roots. */
  public LibraryFixture reset() {
    deleteTree(dir);
    loras();
    checkpoints();
    embeddings();
    return this;
  }

  /** Writes a model file (content = its relative path unless given) with no sidecar. */
  public Path model(Path root, String relativePath) {
    return model(root, relativePath, relativePath.getBytes(StandardCharsets.UTF_8));
  }

  public Path model(Path root, String relativePath, byte[] content) {
    Path file = root.resolve(relativePath);
    write(file, content);
    return file;
  }

  /** Writes a model and a valid reference sidecar; {@code customize} may change any key. */
  public Path modelWithSidecar(Path root, String relativePath, Consumer<ObjectNode> customize) {
    Path model = model(root, relativePath);
    ObjectNode sidecar = defaultSidecar(model);
    customize.accept(sidecar);
    writeSidecar(model, sidecar);
    return model;
  }

  /** Like {@link #modelWithSidecar(Path, String, Consumer)} with the given file content. */
  public Path modelWithSidecar(
      Path root, String relativePath, byte[] content, Consumer<ObjectNode> customize) {
    Path model = model(root, relativePath, content);
    ObjectNode sidecar = defaultSidecar(model);
    customize.accept(sidecar);
    writeSidecar(model, sidecar);
    return model;
  }

  /** Creates (or replaces) a symbolic link at {@code link} pointing to {@code target}. */
  public static Path symlink(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.deleteIfExists(link);
      return Files.createSymbolicLink(link, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sidecar as the reference writes it for a freshly scanned model. */
  public static ObjectNode defaultSidecar(Path model) {
    String fileName = model.getFileName().toString();
    String base = fileName.substring(0, fileName.lastIndexOf('.'));
    ObjectNode node = MAPPER.createObjectNode();
    node.put("file_name", base);
    node.put("model_name", base);
    node.put("file_path", model.toString().replace('\\', '/'));
    node.put("size", size(model));
    node.put("modified", 1700000000.0);
    node.put("sha256", sha256(read(model)));
    node.put("base_model", "SD 1.5");
    node.put("preview_url", "");
    node.put("preview_nsfw_level", 0);
    node.put("notes", "");
    node.put("from_civitai", true);
    node.putObject("civitai");
    node.putArray("tags");
    node.put("modelDescription", "");
    node.put("civitai_deleted", false);
    node.put("favorite", false);
    node.put("exclude", false);
    node.put("db_checked", false);
    node.put("skip_metadata_refresh", false);
    node.putNull("metadata_source");
    node.put("last_checked_at", 0);
    node.put("hash_status", "completed");
    node.putNull("autov3");
    node.putArray("trainedWords");
    return node;
  }

  public static Path sidecarOf(Path model) {
    String fileName = model.getFileName().toString();
    return model.resolveSibling(
        fileName.substring(0, fileName.lastIndexOf('.')) + ".metadata.json");
  }

  public Path writeSidecar(Path model, ObjectNode sidecar) {
    Path file = sidecarOf(model);
    try {
      write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(sidecar));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Writes any text as the sidecar (for corrupt sidecars). */
  public Path rawSidecar(Path model, String text) {
    Path file = sidecarOf(model);
    write(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** Writes {@code NAME<suffix>} beside the model, e.g. {@code ".webp"}, {@code ".preview.png"}. */
  public Path preview(Path model, String suffix) {
    String fileName = model.getFileName().toString();
    Path file = model.resolveSibling(fileName.substring(0, fileName.lastIndexOf('.')) + suffix);
    write(file, PNG);
    return file;
  }

  public Path civitaiInfo(Path model, String json) {
    String fileName = model.getFileName().toString();
    Path file =
        model.resolveSibling(fileName.substring(0, fileName.lastIndexOf('.')) + ".civitai.info");
    write(file, json.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  public static ObjectNode readJson(Path file) {
    try {
      return (ObjectNode) MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String slashes(Path path) {
    return path.toAbsolutePath().normalize().toString().replace('\\', '/');
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
