package io.loramanager.download;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * {@code O_DIRECT} writes of the block-aligned part of a buffer into a partial file, for as long as
 * the file system takes them: the bytes go from the buffer to the device without passing through
 * the page cache. A file system that refuses {@code O_DIRECT} (at open or at the first write) gets
 * every byte through the page cache instead; nothing else changes.
 */
final class DirectWrites implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DirectWrites.class);

  /** Address alignment of the transfer blocks, a multiple of every usual device block size. */
  static final int BLOCK_ALIGNMENT = 4096;

  private static final DirectWrites NONE = new DirectWrites(null, BLOCK_ALIGNMENT);

  private final int alignment;

  /** Null once direct writes are refused; read by the filling thread, closed by the writer's. */
  private volatile FileChannel channel;

  /** Direct writes through {@code channel}, an {@code O_DIRECT} channel of the file. */
  DirectWrites(FileChannel channel, int alignment) {
    this.channel = channel;
    this.alignment = alignment;
  }

  /** {@code count} empty blocks of {@code size} bytes, aligned for direct writes. */
  static ByteBuffer[] blocks(int count, int size) {
    ByteBuffer[] blocks = new ByteBuffer[count];
    for (int i = 0; i < count; i++) {
      int whole = (size + BLOCK_ALIGNMENT - 1) / BLOCK_ALIGNMENT * BLOCK_ALIGNMENT;
      ByteBuffer aligned =
          ByteBuffer.allocateDirect(whole + BLOCK_ALIGNMENT).alignedSlice(BLOCK_ALIGNMENT);
      blocks[i] = aligned.limit(size).slice();
    }
    return blocks;
  }

  /** Direct writes into the existing file {@code part}, or none where its file system refuses. */
  static DirectWrites open(Path part) {
    try {
      long blockSize = Files.getFileStore(part).getBlockSize();
      if (blockSize <= 0 || BLOCK_ALIGNMENT % blockSize != 0) {
        return NONE; // buffers aligned to 4 KiB cannot serve larger or odd device blocks
      }
      return new DirectWrites(
          FileChannel.open(part, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT),
          (int) blockSize);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debugf("%s: no direct writes (%s)", part, e.getMessage());
      return NONE;
    }
  }

  /** True while whole blocks still go straight to the device. */
  boolean active() {
    return channel != null;
  }

  /**
   * Bytes from {@code position} to the next block boundary (0 on one), or 0 without direct writes:
   * a block that ends there lets the next one start aligned.
   */
  int offBoundary(long position) {
    return channel == null ? 0 : (int) ((alignment - position % alignment) % alignment);
  }

  /**
   * Writes the whole device blocks at the start of {@code bytes} to the file at {@code at} when
   * both are aligned, and advances {@code bytes} past them; returns the file position after them
   * ({@code at} when nothing was written). What is left is the caller's to write.
   */
  long write(ByteBuffer bytes, long at) {
    int whole = bytes.remaining() - bytes.remaining() % alignment;
    if (channel == null
        || whole == 0
        || at % alignment != 0
        || !bytes.isDirect()
        || bytes.alignmentOffset(bytes.position(), alignment) != 0) {
      return at;
    }
    ByteBuffer aligned = bytes.duplicate();
    aligned.limit(aligned.position() + whole);
    try {
      long position = at;
      while (aligned.hasRemaining()) {
        position += channel.write(aligned, position);
      }
    } catch (IOException refused) {
      // Some file systems open with O_DIRECT and refuse the writes. The caller writes these bytes
      // again through the page cache, which reports a real disk error (a full disk) as it is.
      LOG.debugf("direct write refused (%s); writing through the page cache", refused.getMessage());
      close();
      return at;
    }
    bytes.position(bytes.position() + whole);
    return at + whole;
  }

  @Override
  public void close() {
    FileChannel open = channel;
    channel = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // Nothing was left unwritten on this channel: every write waited for the device.
      }
    }
  }
}
