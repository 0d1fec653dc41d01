package io.loramanager.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged application run, killed and run again over the same folders (a library and a data
 * folder under one temp folder, the log beside them), for black-box restart tests. Closing it stops
 * the run that is up.
 */
public final class AppOverFolders implements AutoCloseable {

  private final Path dir;
  private final LibraryFixture library;
  private final Path data;
  private PackagedApp running;

  public AppOverFolders(Path dir) {
    this.dir = dir;
    this.library = new LibraryFixture(dir.resolve("models")).reset();
    try {
      this.data = Files.createDirectories(dir.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LibraryFixture library() {
    return library;
  }

  /** Starts a run with these environment variables and waits until it is ready. */
  public PackagedApp start(Map<String, String> environment) {
    close();
    running = PackagedApp.start(library.dir(), data, dir.resolve("app.log"), Map.of(), environment);
    return running;
  }

  /** Kills the run that is up (SIGKILL), as a crash would. */
  public void kill() {
    running.kill();
    running = null;
  }

  @Override
  public void close() {
    if (running != null) {
      running.close();
      running = null;
    }
  }
}
