package io.loramanager.download;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A plain-HTTP connection read through its non-blocking channel, so that the body lands straight in
 * the caller's (direct) buffer with no copy in between; a selector gives reads their timeout, which
 * a blocking channel would not honour.
 */
final class ChannelWire implements Wire {

  /** Longest wait between two looks at whether another thread closed the connection. */
  private static final long CLOSE_CHECK_MILLIS = 20;

  private final SocketChannel channel;
  private final Selector selector;
  private long timeoutNanos;

  /** {@code channel} is connected; from here on it is read without blocking. */
  ChannelWire(SocketChannel channel, int timeoutMillis) throws IOException {
    this.channel = channel;
    this.timeoutNanos = timeoutMillis * 1_000_000L;
    channel.configureBlocking(false);
    this.selector = Selector.open();
    try {
      channel.register(selector, SelectionKey.OP_READ);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    return read(ByteBuffer.wrap(target, offset, length));
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    if (!target.hasRemaining()) {
      return 0;
    }
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      while (true) {
        int n = channel.read(target);
        if (n != 0) {
          return n;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException("Read timed out");
        }
        // Closing the channel does not wake the selector: short waits notice it soon enough.
        selector.select(Math.max(1, Math.min(CLOSE_CHECK_MILLIS, left / 1_000_000)));
        selector.selectedKeys().clear();
      }
    } catch (ClosedChannelException | ClosedSelectorException closed) {
      throw new SocketException("Socket closed");
    }
  }

  @Override
  public void timeout(int millis) {
    timeoutNanos = millis * 1_000_000L;
  }

  @Override
  public Socket socket() {
    return channel.socket();
  }

  @Override
  public void close() {
    HttpExchange.closeQuietly(channel.socket());
    try {
      selector.close();
    } catch (IOException ignored) {
      // Closing only releases the descriptor; there is nothing left to report.
    }
  }
}
