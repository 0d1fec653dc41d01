package io.loramanager.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends received buffers to the partial file through one bounded direct buffer, hashing each
 * block after it is written. Bytes reach the disk in blocks of the buffer's size; {@link #flush}
 * writes what is pending, so that a resume after a network error re-fetches nothing that arrived.
 */
final class PartWriter implements AutoCloseable {

  private final Path part;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final RunningSha256 hash;
  private long onDisk;

  private PartWriter(
      Path part, FileChannel channel, ByteBuffer buffer, RunningSha256 hash, long at) {
    this.part = part;
    this.channel = channel;
    this.buffer = buffer;
    this.hash = hash;
    this.onDisk = at;
  }

  /** Opens {@code part} to append after {@code offset} bytes, or empty when offset is 0. */
  static PartWriter open(Path part, long offset, ByteBuffer buffer, RunningSha256 hash) {
    try {
      FileChannel channel =
          offset > 0
              ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
              : FileChannel.open(
                  part,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING);
      buffer.clear();
      if (offset == 0) {
        hash.reset();
      }
      return new PartWriter(part, channel, buffer, hash, offset);
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }

  /** Bytes received so far (on disk plus pending in the buffer). */
  long received() {
    return onDisk + buffer.position();
  }

  void write(List<ByteBuffer> buffers) {
    for (ByteBuffer source : buffers) {
      while (source.hasRemaining()) {
        int n = Math.min(source.remaining(), buffer.remaining());
        ByteBuffer slice = source.slice();
        slice.limit(n);
        buffer.put(slice);
        source.position(source.position() + n);
        if (!buffer.hasRemaining()) {
          flush();
        }
      }
    }
  }

  /** Writes what is pending to the file. */
  void flush() {
    buffer.flip();
    ByteBuffer written = buffer.duplicate();
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
    onDisk += written.remaining();
    hash.update(written);
    buffer.clear();
  }

  /** Flushes and forces the bytes to the storage device, before the file is renamed into place. */
  void sync() {
    flush();
    try {
      channel.force(false);
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }
}
