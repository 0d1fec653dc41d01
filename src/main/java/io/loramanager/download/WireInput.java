package io.loramanager.download;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connection's input with a small buffer of its own, for reading an HTTP/1.1 response: header and
 * chunk lines byte by byte, body bytes straight into the caller's buffer. A read that times out
 * consumes nothing, and a half-read line is kept, so the reader can simply be called again.
 */
final class WireInput {

  private final Wire in;
  private final byte[] buffer;
  private int position;
  private int limit;
  private final StringBuilder partialLine = new StringBuilder();

  WireInput(Wire in, int bufferBytes) {
    this.in = in;
    this.buffer = new byte[bufferBytes];
  }

  /** Waits until at least one byte can be read without blocking; false at the end of the stream. */
  boolean awaitData() throws IOException {
    return position < limit || fill();
  }

  /**
   * Up to {@code target.remaining()} bytes into {@code target}; -1 at the end of the stream.
   * Buffered bytes go first; the rest is read straight into {@code target}.
   */
  int read(ByteBuffer target) throws IOException {
    if (!target.hasRemaining()) {
      return 0;
    }
    if (position < limit) {
      int n = Math.min(target.remaining(), limit - position);
      target.put(buffer, position, n);
      position += n;
      return n;
    }
    return in.read(target);
  }

  /**
   * One line without its CR LF, or null when the stream ends before any byte of it. A line longer
   * than {@code maxChars} is an error: a server does not get to make us buffer without end.
   */
  String readLine(int maxChars) throws IOException {
    while (true) {
      if (position == limit && !fill()) {
        if (partialLine.isEmpty()) {
          return null;
        }
        throw new EOFException("the connection closed in the middle of a header line");
      }
      byte next = buffer[position++];
      if (next == '\n') {
        int end = partialLine.length();
        if (end > 0 && partialLine.charAt(end - 1) == '\r') {
          end--;
        }
        String line = partialLine.substring(0, end);
        partialLine.setLength(0);
        return line;
      }
      if (partialLine.length() >= maxChars) {
        throw new IOException("the server sent a header line longer than " + maxChars + " bytes");
      }
      // Header bytes are ISO-8859-1 by the HTTP grammar: one byte, one char.
      partialLine.append((char) (next & 0xff));
    }
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
