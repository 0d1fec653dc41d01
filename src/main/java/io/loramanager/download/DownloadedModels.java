package io.loramanager.download;

import io.loramanager.library.ModelHasher;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a finished transfer leaves in the library (anchor-downloads §3.5 items 7 and 9): the file
 * itself, or the model files unpacked from a zip, and a preview for each of them. Every file made
 * here is added to the caller's {@code made} list, so that a later failure can remove it.
 */
final class DownloadedModels {

  private static final Logger LOG = Logger.getLogger(DownloadedModels.class);

  private static final int HASH_CHUNK = 1 << 20;

  /** A model file with its real size and SHA-256; {@code fromArchive} when unpacked from a zip. */
  record ModelFile(Path path, long size, String sha256, boolean fromArchive) {}

  /** A preview saved next to a model file. */
  record SavedPreview(Path file, int nsfwLevel) {}

  private DownloadedModels() {}

  /**
   * The downloaded file, or the model files extracted from it when it is a zip (the zip is then
   * deleted).
   *
   * @throws ModelDownload.Refused when the zip holds no model file or cannot be extracted
   */
  static List<ModelFile> of(ModelType type, TransferResult result, List<Path> made) {
    Path file = result.file();
    if (!ZipExtraction.isZip(file)) {
      return List.of(new ModelFile(file, result.size(), result.sha256(), false));
    }
    made.add(file);
    try {
      List<Path> extracted = ZipExtraction.forArchive(file).extract(file, type);
      made.addAll(extracted);
      List<ModelFile> files = new ArrayList<>();
      for (Path path : extracted) {
        // The archive's hash says nothing about its members: each gets its own.
        files.add(
            new ModelFile(path, Files.size(path), ModelHasher.sha256(path, HASH_CHUNK), true));
      }
      Files.delete(file);
      return files;
    } catch (IOException e) {
      throw new ModelDownload.Refused(
          "Failed to extract zip archive " + file.getFileName() + ": " + reason(e));
    }
  }

  /**
   * The preview of each file: the first takes the saved preview (renamed after it), the others a
   * copy; null where no preview was saved or the copy failed (a preview never fails a download).
   */
  static List<SavedPreview> previews(SavedPreview saved, List<ModelFile> files, List<Path> made) {
    List<SavedPreview> out = new ArrayList<>();
    for (ModelFile file : files) {
      if (saved == null) {
        out.add(null);
        continue;
      }
      String name = saved.file().getFileName().toString();
      String suffix = name.substring(PathNames.baseName(name).length());
      Path own =
          file.path()
              .resolveSibling(PathNames.baseName(file.path().getFileName().toString()) + suffix);
      Path source = out.isEmpty() || out.get(0) == null ? saved.file() : out.get(0).file();
      try {
        if (!own.equals(source)) {
          if (out.isEmpty()) {
            Files.move(source, own, StandardCopyOption.REPLACE_EXISTING);
          } else {
            Files.copy(source, own, StandardCopyOption.REPLACE_EXISTING);
          }
          made.add(own);
        }
        out.add(new SavedPreview(own, saved.nsfwLevel()));
      } catch (IOException e) {
        LOG.warnf("Preview %s not saved: %s", own, e.getMessage());
        out.add(null);
      }
    }
    return out;
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
