package io.loramanager.download;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * The receiving side of one connection. A read waits at most the timeout for a byte and then throws
 * {@link java.net.SocketTimeoutException} having consumed nothing, so the caller can simply call
 * again; {@link #socket()} closed from another thread ends a waiting read.
 */
interface Wire extends AutoCloseable {

  /** Up to {@code length} bytes into {@code target}; -1 at the end of the stream. */
  int read(byte[] target, int offset, int length) throws IOException;

  /** Up to {@code target.remaining()} bytes into {@code target}; -1 at the end of the stream. */
  int read(ByteBuffer target) throws IOException;

  /** From now on a read waits at most this many milliseconds. */
  void timeout(int millis) throws IOException;

  /** The TCP socket underneath (closing it never waits for a TLS close handshake). */
  Socket socket();

  /** Releases the connection; safe from any thread, and more than once. */
  @Override
  void close();
}
