package io.loramanager.download;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The body of one HTTP/1.1 response, framed by {@code Content-Length}, {@code chunked} transfer
 * coding, or the end of the connection. Every step keeps its state in fields before it may block,
 * so a read that times out (the engine polls with short timeouts to notice pause, cancel and
 * stalls) can be repeated without losing or repeating a byte.
 */
final class ResponseBody {

  private static final int MAX_CHUNK_LINE = 8 * 1024;
  private static final int MAX_TRAILER_LINES = 100;

  enum Framing {
    EMPTY,
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  private enum ChunkStage {
    SIZE,
    DATA,
    DATA_END,
    TRAILER,
    DONE
  }

  private final WireInput input;
  private final Framing framing;
  private long left;
  private ChunkStage stage = ChunkStage.SIZE;
  private int trailerLines;

  private ResponseBody(WireInput input, Framing framing, long length) {
    this.input = input;
    this.framing = framing;
    this.left = length;
  }

  static ResponseBody empty(WireInput input) {
    return new ResponseBody(input, Framing.EMPTY, 0);
  }

  static ResponseBody ofLength(WireInput input, long length) {
    return new ResponseBody(input, length == 0 ? Framing.EMPTY : Framing.LENGTH, length);
  }

  static ResponseBody chunked(WireInput input) {
    return new ResponseBody(input, Framing.CHUNKED, 0);
  }

  static ResponseBody untilClose(WireInput input) {
    return new ResponseBody(input, Framing.UNTIL_CLOSE, 0);
  }

  Framing framing() {
    return framing;
  }

  /** Up to {@code length} body bytes into {@code target}; -1 at the end of the body. */
  int read(byte[] target, int offset, int length) throws IOException {
    return read(ByteBuffer.wrap(target, offset, length));
  }

  /** Up to {@code target.remaining()} body bytes into {@code target}; -1 at the end of the body. */
  int read(ByteBuffer target) throws IOException {
    return switch (framing) {
      case EMPTY -> -1;
      case UNTIL_CLOSE -> input.read(target);
      case LENGTH -> readFixed(target);
      case CHUNKED -> readChunked(target);
    };
  }

  private int readFixed(ByteBuffer target) throws IOException {
    if (left == 0) {
      return -1;
    }
    int n = readAtMost(target, left);
    if (n < 0) {
      // The engine compares what arrived with Content-Length and resumes the rest.
      return -1;
    }
    left -= n;
    return n;
  }

  private int readChunked(ByteBuffer target) throws IOException {
    while (true) {
      switch (stage) {
        case SIZE -> {
          left = chunkSize(requireLine());
          stage = left == 0 ? ChunkStage.TRAILER : ChunkStage.DATA;
        }
        case DATA -> {
          int n = readAtMost(target, left);
          if (n < 0) {
            throw new EOFException("the connection closed in the middle of a chunk");
          }
          left -= n;
          if (left == 0) {
            stage = ChunkStage.DATA_END;
          }
          return n;
        }
        case DATA_END -> {
          if (!requireLine().isEmpty()) {
            throw new IOException("a chunk of the response is longer than its announced size");
          }
          stage = ChunkStage.SIZE;
        }
        case TRAILER -> {
          if (requireLine().isEmpty()) {
            stage = ChunkStage.DONE;
          } else if (++trailerLines > MAX_TRAILER_LINES) {
            throw new IOException("the response has more than " + MAX_TRAILER_LINES + " trailers");
          }
        }
        case DONE -> {
          return -1;
        }
      }
    }
  }

  /** Reads into {@code target} no more than {@code most} bytes, whatever room it has. */
  private int readAtMost(ByteBuffer target, long most) throws IOException {
    if (target.remaining() <= most) {
      return input.read(target);
    }
    int limit = target.limit();
    target.limit(target.position() + (int) most);
    try {
      return input.read(target);
    } finally {
      target.limit(limit);
    }
  }

  private String requireLine() throws IOException {
    String line = input.readLine(MAX_CHUNK_LINE);
    if (line == null) {
      throw new EOFException("the connection closed in the middle of a chunked response");
    }
    return line;
  }

  private static long chunkSize(String line) throws IOException {
    int extension = line.indexOf(';');
    String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0 || hex.isEmpty() || hex.startsWith("+") || hex.startsWith("-")) {
        throw new NumberFormatException(hex);
      }
      return size;
    } catch (NumberFormatException e) {
      throw new IOException(
          "the response has an invalid chunk size: " + quote(hex.toLowerCase(Locale.ROOT)));
    }
  }

  private static String quote(String text) {
    return '"' + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + '"';
  }
}
