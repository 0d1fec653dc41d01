package io.loramanager.download;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns a file-system exception into a failure that names the file and the OS reason. */
final class DiskErrors {

  private DiskErrors() {}

  static TransferFailure failure(String action, Object path, IOException e) {
    return new TransferFailure(
        TransferFailure.Reason.DISK, "Cannot " + action + " " + path + ": " + reason(e), e);
  }

  static String reason(IOException e) {
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
