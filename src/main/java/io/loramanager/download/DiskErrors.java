package io.loramanager.download;

import io.loramanager.errors.FileErrorReason;
import java.io.IOException;

/** Turns a file-system exception into a failure that names the file and the OS reason. */
final class DiskErrors {

  private DiskErrors() {}

  static TransferFailure failure(String action, Object path, IOException e) {
    return new TransferFailure(
        TransferFailure.Reason.DISK,
        "Cannot " + action + " " + path + ": " + FileErrorReason.of(e),
        e);
  }
}
