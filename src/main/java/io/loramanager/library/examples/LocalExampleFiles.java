package io.loramanager.library.examples;

import io.loramanager.errors.LmException;
import io.loramanager.library.ModelReader;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example files a user keeps next to a model, {@code <stem>.example.<N>.<ext>} (anchor-api §3.6
 * row 15), sorted by N. The model path must lie inside a configured root.
 */
@ApplicationScoped
public class LocalExampleFiles {

  private final ModelReader reader;

  @Inject
  public LocalExampleFiles(ModelReader reader) {
    this.reader = reader;
  }

  /** One local example file: its name, absolute path, extension and kind. */
  public record LocalFile(String name, Path file, String extension, boolean isVideo) {}

  public List<LocalFile> list(String modelPath) {
    Path model = confined(modelPath);
    if (!Files.isRegularFile(model)) {
      throw LmException.notFound("Model file not found: " + modelPath);
    }
    String stem = PathNames.baseName(model.getFileName().toString());
    Pattern pattern = Pattern.compile(Pattern.quote(stem) + "\\.example\\.(\\d+)\\.[^.]+");
    try (var siblings = Files.list(model.getParent())) {
      return siblings
          .filter(Files::isRegularFile)
          .filter(f -> matcher(pattern, f).matches())
          .filter(f -> MediaKinds.contentType(f.getFileName().toString()).isPresent())
          .sorted(Comparator.comparingLong(f -> Long.parseLong(matcher(pattern, f).group(1))))
          .map(
              f -> {
                String name = f.getFileName().toString();
                return new LocalFile(name, f, MediaKinds.extension(name), MediaKinds.isVideo(name));
              })
          .toList();
    } catch (IOException e) {
      throw LmException.unavailable("Cannot list " + model.getParent() + ": " + e.getMessage());
    }
  }

  private static Matcher matcher(Pattern pattern, Path file) {
    Matcher matcher = pattern.matcher(file.getFileName().toString());
    matcher.matches();
    return matcher;
  }

  private Path confined(String modelPath) {
    if (modelPath == null || modelPath.isBlank()) {
      throw LmException.badInput("Missing model_path parameter");
    }
    Path path;
    try {
      path = Path.of(modelPath.strip()).normalize();
    } catch (InvalidPathException e) {
      throw LmException.badInput("Invalid path: " + e.getReason());
    }
    for (ModelType type : ModelType.values()) {
      if (path.isAbsolute() && reader.rootOf(type, path).isPresent()) {
        return path;
      }
    }
    throw LmException.badInput("Path '" + modelPath + "' is outside the configured model folders");
  }
}
