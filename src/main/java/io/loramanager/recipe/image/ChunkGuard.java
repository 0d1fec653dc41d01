package io.loramanager.recipe.image;

import io.loramanager.errors.LmException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks the chunk headers of a PNG or WebP before the metadata library reads it, because the
 * library allocates whatever length a chunk declares and inflates compressed text without a limit.
 * A metadata chunk (or its inflated text) over {@link #MAX_METADATA_BYTES} is refused with a clear
 * error; a chunk that runs past the end of the file marks where a truncated file stops being
 * readable, so the library is only given the whole chunks before it.
 */
final class ChunkGuard {

  /** Largest text or EXIF chunk we read: far above any real workflow JSON (a few hundred KB). */
  static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

  private static final Set<String> PNG_BOUNDED =
      Set.of("tEXt", "zTXt", "iTXt", "iCCP", "eXIf", "PLTE", "tRNS", "IHDR", "cHRM", "sRGB");
  private static final Set<String> WEBP_BOUNDED = Set.of("EXIF", "XMP ", "ICCP", "VP8X");

  private ChunkGuard() {}

  /**
   * The leading part of a PNG that holds only whole chunks.
   *
   * @param complete whether that part ends with the IEND chunk
   */
  record Readable(long length, boolean complete) {}

  /** The leading bytes of a PNG that hold only whole chunks. */
  static Readable readablePng(FileChannel file) throws IOException {
    long size = file.size();
    long position = 8;
    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
    while (position + 12 <= size) {
      header.clear();
      readFully(file, header, position);
      long length = Integer.toUnsignedLong(header.getInt(0));
      String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
      long end = position + 12 + length;
      if (end > size) {
        return new Readable(position, false);
      }
      if (PNG_BOUNDED.contains(type)) {
        requireBounded(type, length);
        if (type.equals("zTXt") || type.equals("iTXt") || type.equals("iCCP")) {
          checkInflatedSize(type, read(file, position + 8, (int) length));
        }
      }
      if (type.equals("IEND")) {
        return new Readable(end, true);
      }
      position = end;
    }
    return new Readable(Math.min(position, size), false);
  }

  /** The number of leading bytes of a WebP that hold only whole chunks. */
  static long readableWebpLength(FileChannel file) throws IOException {
    long size = file.size();
    long position = 12;
    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (position + 8 <= size) {
      header.clear();
      readFully(file, header, position);
      String type = new String(header.array(), 0, 4, StandardCharsets.ISO_8859_1);
      long length = Integer.toUnsignedLong(header.getInt(4));
      long end = position + 8 + length + (length & 1);
      if (position + 8 + length > size) {
        return position;
      }
      if (WEBP_BOUNDED.contains(type)) {
        requireBounded(type, length);
      }
      position = Math.min(end, size);
    }
    return position;
  }

  private static void requireBounded(String type, long length) {
    if (length > MAX_METADATA_BYTES) {
      throw LmException.badInput(
          "The image has a '"
              + type.trim()
              + "' chunk of "
              + length
              + " bytes; metadata chunks over "
              + MAX_METADATA_BYTES / (1024 * 1024)
              + " MB are not read");
    }
  }

  /** Inflates the compressed part of a text or ICC chunk into nothing, counting, up to the cap. */
  private static void checkInflatedSize(String type, byte[] data) {
    int keywordEnd = indexOfZero(data, 0);
    if (keywordEnd < 0) {
      return;
    }
    int start;
    if (type.equals("iTXt")) {
      if (keywordEnd + 2 >= data.length || data[keywordEnd + 1] == 0) {
        return;
      }
      int languageEnd = indexOfZero(data, keywordEnd + 3);
      int translatedEnd = languageEnd < 0 ? -1 : indexOfZero(data, languageEnd + 1);
      if (translatedEnd < 0) {
        return;
      }
      start = translatedEnd + 1;
    } else {
      start = keywordEnd + 2;
    }
    if (start > data.length) {
      return;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, start, data.length - start);
      byte[] sink = new byte[64 * 1024];
      long total = 0;
      while (!inflater.finished() && !inflater.needsInput()) {
        int n = inflater.inflate(sink);
        if (n == 0 && inflater.needsDictionary()) {
          return;
        }
        total += n;
        if (total > MAX_METADATA_BYTES) {
          throw LmException.badInput(
              "The image has a compressed '"
                  + type
                  + "' chunk that inflates past "
                  + MAX_METADATA_BYTES / (1024 * 1024)
                  + " MB; it is not read");
        }
      }
    } catch (DataFormatException e) {
      // A corrupt stream: the metadata library reports it; nothing to bound here.
    } finally {
      inflater.end();
    }
  }

  private static int indexOfZero(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] read(FileChannel file, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    readFully(file, buffer, position);
    return buffer.array();
  }

  private static void readFully(FileChannel file, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = file.read(buffer, at);
      if (n < 0) {
        throw new IOException("Unexpected end of file at " + at);
      }
      at += n;
    }
  }
}
