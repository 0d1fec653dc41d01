package io.loramanager.download;

import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks the model files of a downloaded zip next to it (anchor-downloads §3.3 item 7): only the
 * extensions the type loads, flattened (an entry's folders, {@code ..} included, are dropped, so
 * nothing lands outside the folder), a clash named {@code name-1.ext}, {@code name-2.ext}, …. The
 * bytes written are counted as they stream and bounded, so a zip bomb stops early.
 */
final class ZipExtraction {

  /** Entries a zip bomb could not pass: a model file compresses by far less than this. */
  private static final long MAX_RATIO = 100;

  private static final long MIN_LIMIT = 1L << 30;

  private final long maxTotalBytes;

  ZipExtraction(long maxTotalBytes) {
    this.maxTotalBytes = maxTotalBytes;
  }

  /** The bound for this archive: 100 times its size, at least 1 GiB. */
  static ZipExtraction forArchive(Path zip) throws IOException {
    return new ZipExtraction(Math.max(MIN_LIMIT, Files.size(zip) * MAX_RATIO));
  }

  static boolean isZip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * Extracts the type's model files into {@code zip}'s folder, in archive order; on any failure the
   * files written so far are removed.
   *
   * @throws ModelDownload.Refused when the archive holds no supported file or is too large
   * @throws IOException when the archive cannot be read or a file cannot be written
   */
  List<Path> extract(Path zip, ModelType type) throws IOException {
    Path folder = zip.getParent();
    List<Path> written = new ArrayList<>();
    boolean done = false;
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      long total = 0;
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = flatName(entry.getName());
        if (entry.isDirectory() || name.isEmpty() || !type.accepts(name)) {
          continue;
        }
        Path target = freeName(folder, name);
        Path partial = target.resolveSibling(target.getFileName() + ".extracting");
        written.add(partial);
        try (InputStream in = archive.getInputStream(entry);
            OutputStream out = Files.newOutputStream(partial)) {
          total = copy(in, out, total);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        written.set(written.size() - 1, target);
      }
      if (written.isEmpty()) {
        throw new ModelDownload.Refused(
            "Zip archive does not contain any supported model files ("
                + String.join(", ", new TreeSet<>(type.extensions()))
                + ")");
      }
      done = true;
      return List.copyOf(written);
    } finally {
      if (!done) {
        for (Path file : written) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private long copy(InputStream in, OutputStream out, long total) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      total += read;
      if (total > maxTotalBytes) {
        throw new ModelDownload.Refused(
            "Zip archive expands to more than " + maxTotalBytes + " bytes; not extracted");
      }
      out.write(buffer, 0, read);
    }
    return total;
  }

  /** The last segment of an entry name, either slash; "" for {@code .} and {@code ..}. */
  private static String flatName(String entryName) {
    String name =
        entryName.substring(Math.max(entryName.lastIndexOf('/'), entryName.lastIndexOf('\\')) + 1);
    return name.equals(".") || name.equals("..") ? "" : name;
  }

  private static Path freeName(Path folder, String name) {
    Path target = folder.resolve(name);
    String base = PathNames.baseName(name);
    String ext = name.substring(base.length());
    for (int n = 1; Files.exists(target); n++) {
      target = folder.resolve(base + "-" + n + ext);
    }
    return target;
  }
}
