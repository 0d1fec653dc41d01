package io.loramanager.storage;

/** The database failed; the files on disk are unaffected. */
public class StorageException extends RuntimeException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
