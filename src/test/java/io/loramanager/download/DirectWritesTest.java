package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectWritesTest {

  private static final int BLOCK = DirectWrites.BLOCK_ALIGNMENT;

  @TempDir Path dir;

  @Test
  void blocksAreDirectAlignedAndOfTheAskedSize() {
    ByteBuffer[] blocks = DirectWrites.blocks(3, 5 * BLOCK);

    assertThat(blocks).hasSize(3);
    for (ByteBuffer block : blocks) {
      assertThat(block.isDirect()).isTrue();
      assertThat(block.alignmentOffset(0, BLOCK)).isZero();
      assertThat(block.position()).isZero();
      assertThat(block.capacity()).isEqualTo(5 * BLOCK);
      assertThat(block.limit()).isEqualTo(5 * BLOCK);
    }
  }

  @Test
  void wholeBlocksAtABoundaryGoStraightToTheFileAndTheRestIsLeft() throws IOException {
    Path file = Files.createFile(dir.resolve("a.part"));
    byte[] content = random(3 * BLOCK + 100);
    ByteBuffer bytes = filled(content);

    try (DirectWrites direct = DirectWrites.open(file)) {
      assertThat(direct.active()).isTrue();
      assertThat(direct.write(bytes, 0)).isEqualTo(3 * BLOCK);
    }

    assertThat(bytes.position()).isEqualTo(3 * BLOCK);
    assertThat(bytes.remaining()).isEqualTo(100);
    assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOf(content, 3 * BLOCK));
  }

  @Test
  void nothingIsWrittenOffABoundaryFromAHeapBufferOrShortOfABlock() throws IOException {
    Path file = Files.createFile(dir.resolve("b.part"));
    try (DirectWrites direct = DirectWrites.open(file)) {
      ByteBuffer aligned = filled(random(2 * BLOCK));
      assertThat(direct.write(aligned, 100)).isEqualTo(100);
      assertThat(aligned.position()).isZero();

      ByteBuffer heap = ByteBuffer.wrap(random(2 * BLOCK));
      assertThat(direct.write(heap, 0)).isZero();
      assertThat(heap.position()).isZero();

      ByteBuffer short_ = filled(random(BLOCK - 1));
      assertThat(direct.write(short_, 0)).isZero();
      assertThat(short_.position()).isZero();
    }
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void offBoundaryCountsTheBytesToTheNextBlock() throws IOException {
    try (DirectWrites direct = DirectWrites.open(Files.createFile(dir.resolve("c.part")))) {
      assertThat(direct.offBoundary(0)).isZero();
      assertThat(direct.offBoundary(100)).isEqualTo(BLOCK - 100);
      assertThat(direct.offBoundary(BLOCK)).isZero();
      assertThat(direct.offBoundary(5L * BLOCK + 1)).isEqualTo(BLOCK - 1);
    }
  }

  @Test
  void aFileThatRefusesDirectIoAtOpenTakesNoDirectWrites() {
    // Character devices refuse O_DIRECT (EINVAL), as some file systems do.
    DirectWrites direct = DirectWrites.open(Path.of("/dev/null"));
    ByteBuffer bytes = filled(random(2 * BLOCK));

    assertThat(direct.active()).isFalse();
    assertThat(direct.offBoundary(100)).isZero();
    assertThat(direct.write(bytes, 0)).isZero();
    assertThat(bytes.position()).isZero();
  }

  @Test
  void aRefusedWriteLeavesTheBytesToTheCallerAndStopsDirectWrites() {
    DirectWrites direct = new DirectWrites(new RefusingChannel(), BLOCK);
    ByteBuffer bytes = filled(random(2 * BLOCK));

    assertThat(direct.write(bytes, 0)).isZero();

    assertThat(bytes.position()).isZero();
    assertThat(direct.active()).isFalse();
    assertThat(direct.offBoundary(100)).isZero();
    assertThat(direct.write(bytes, 0)).isZero();
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  private static ByteBuffer filled(byte[] content) {
    ByteBuffer block = DirectWrites.blocks(1, content.length)[0];
    block.put(content).flip();
    return block;
  }

  /** A device that takes the O_DIRECT open and then refuses every write, as some do. */
  private static final class RefusingChannel extends FileChannel {

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      throw new IOException("Invalid argument");
    }

    @Override
    protected void implCloseChannel() {}

    @Override
    public int read(ByteBuffer dst) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel position(long newPosition) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long size() {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel truncate(long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void force(boolean metaData) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }
  }
}
