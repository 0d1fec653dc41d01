package io.loramanager.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads a response body into a ring of bounded blocks; each full block is written to the partial
 * file and hashed on background threads while the next blocks fill. {@link #flush} waits until
 * every byte received is in the file, so that a resume after a network error re-fetches nothing
 * that arrived.
 *
 * <p>Blocks that start and end on the file system's block boundaries are written with {@code
 * O_DIRECT} ({@link DirectWrites}): straight from the block to the device, with neither the copy
 * into the page cache nor the page cache's bookkeeping, which is most of what writing a file costs
 * the CPU (docs/performance.md). A block after an unaligned end (a resume, a pause) is cut short so
 * that the next one starts on a boundary again; whatever is not aligned goes through the page
 * cache.
 */
final class PartWriter implements AutoCloseable {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /**
   * Bytes written between two background flushes to the device. Without them the kernel keeps a
   * multi-GiB download in its page cache and the final {@link #sync} writes it all (about a second
   * per 2 GiB here) while the download looks finished. Only bytes written through the page cache
   * count: direct writes leave nothing there.
   */
  private static final long FORCE_EVERY = 64L << 20;

  private final Path part;
  private final FileChannel channel;
  private final DirectWrites direct;
  private final ByteBuffer[] blocks;
  private final CompletableFuture<?>[] free;
  private final RunningSha256 hash;
  private final Executor background;
  private CompletableFuture<Void> written = DONE;
  private CompletableFuture<Void> forcing = DONE;
  private volatile IOException forceFailure;
  private int current;
  private long submitted;
  private long unforced;

  private PartWriter(
      Path part,
      FileChannel channel,
      DirectWrites direct,
      ByteBuffer[] blocks,
      RunningSha256 hash,
      Executor background,
      long at) {
    this.part = part;
    this.channel = channel;
    this.direct = direct;
    this.blocks = blocks;
    this.free = new CompletableFuture<?>[blocks.length];
    Arrays.fill(free, DONE);
    this.hash = hash;
    this.background = background;
    this.submitted = at;
    prepare(blocks[0]);
  }

  /**
   * Opens {@code part} to write after {@code offset} bytes, or empty when offset is 0, filling the
   * {@code blocks} in turn (see {@link DirectWrites#blocks}).
   */
  static PartWriter open(
      Path part, long offset, ByteBuffer[] blocks, RunningSha256 hash, Executor background) {
    FileChannel channel;
    try {
      channel =
          offset > 0
              ? FileChannel.open(part, StandardOpenOption.WRITE)
              : FileChannel.open(
                  part,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
    if (offset == 0) {
      hash.reset();
    }
    return new PartWriter(part, channel, DirectWrites.open(part), blocks, hash, background, offset);
  }

  /** Bytes received so far (handed to the writer plus pending in the current block). */
  long received() {
    return submitted + blocks[current].position();
  }

  /**
   * One read from {@code body} into the free part of the current block (handed to the writer when
   * full): the number of bytes read, or -1 at the end of the body. Network errors are thrown as
   * they are; a failed write of an earlier block is thrown as its {@link TransferFailure}.
   */
  int readFrom(ResponseBody body) throws IOException {
    if (written.isCompletedExceptionally()) {
      await(written); // a full disk stops the download now, not blocks later
    }
    ByteBuffer block = blocks[current];
    int n = body.read(block);
    if (n > 0 && !block.hasRemaining()) {
      submitCurrent();
    }
    return n;
  }

  /** Writes what is pending and waits until every byte received is in the file. */
  void flush() {
    if (blocks[current].position() > 0) {
      submitCurrent();
    }
    await(written);
  }

  /** Flushes and forces the bytes to the storage device, before the file is renamed into place. */
  void sync() {
    flush();
    forcing.join();
    try {
      if (forceFailure != null) {
        throw forceFailure;
      }
      channel.force(false);
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }

  private void submitCurrent() {
    ByteBuffer block = blocks[current].flip();
    long at = submitted;
    ByteBuffer bytes = block.duplicate();
    CompletableFuture<Void> write = written.thenRunAsync(() -> writeAt(bytes, at), background);
    written = write;
    free[current] = CompletableFuture.allOf(write, hash.updateLater(block.duplicate()));
    submitted += block.remaining();
    if (!direct.active()) {
      unforced += block.remaining(); // direct writes leave nothing in the page cache to flush
    }
    if (unforced >= FORCE_EVERY && forcing.isDone()) {
      unforced = 0;
      forcing = write.thenRunAsync(this::forceInBackground, background);
    }
    current = (current + 1) % blocks.length;
    await(free[current]); // a block is filled again only once it is written and hashed
    prepare(blocks[current]);
  }

  /** Empties a block; one that would start off a boundary ends at the next one instead. */
  private void prepare(ByteBuffer block) {
    block.clear();
    int offBoundary = direct.offBoundary(submitted);
    if (offBoundary > 0) {
      block.limit(Math.min(block.capacity(), offBoundary));
    }
  }

  private void writeAt(ByteBuffer bytes, long at) {
    try {
      long position = direct.write(bytes, at);
      while (bytes.hasRemaining()) {
        position += channel.write(bytes, position);
      }
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }

  private void forceInBackground() {
    try {
      channel.force(false);
    } catch (IOException e) {
      forceFailure = e; // reported by sync(); a closed channel after a failed attempt needs nothing
    }
  }

  /** Waits for a background step; its failure (a disk error) is thrown here, as it was. */
  private static void await(CompletableFuture<?> step) {
    try {
      step.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    // The blocks serve the next attempt: no write or hash of this one may still be reading them.
    CompletableFuture.allOf(free).exceptionally(failure -> null).join();
    forcing.join();
    direct.close();
    try {
      channel.close();
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }
}
