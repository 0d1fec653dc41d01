package io.loramanager.errors;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What a person needs to read when a file operation fails: the operating system's reason and the
 * file it concerns ("Permission denied (path)", "No space left on device"), never a bare path or an
 * exception class. Here, at the bottom, because downloads, example images and outbound fetches all
 * report disk failures the same way.
 */
public final class FileErrorReason {

  private FileErrorReason() {}

  public static String of(IOException e) {
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " exists and is not a folder";
    }
    if (e instanceof NotDirectoryException notDir) {
      return notDir.getFile() + " is not a folder";
    }
    if (e instanceof NoSuchFileException missing) {
      return "No such file or directory (" + missing.getFile() + ")";
    }
    if (e instanceof AccessDeniedException denied) {
      return "Permission denied (" + denied.getFile() + ")";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
