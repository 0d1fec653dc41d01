package io.loramanager.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the plain {@code tEXt} chunks of a PNG by hand, independently of the server's reader, so
 * tests can check what a recipe save embedded and that nothing else of the image changed.
 */
public final class PngTextChunks {

  private PngTextChunks() {}

  /** The PNG with every {@code tEXt} chunk removed; bytes after the last whole chunk are kept. */
  public static byte[] withoutText(byte[] png) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
    out.write(png, 0, 8);
    int position = 8;
    while (position + 12 <= png.length) {
      int length = ByteBuffer.wrap(png, position, 4).getInt();
      String type = new String(png, position + 4, 4, StandardCharsets.ISO_8859_1);
      if (!type.equals("tEXt")) {
        out.write(png, position, 12 + length);
      }
      position += 12 + length;
    }
    out.write(png, position, png.length - position);
    return out.toByteArray();
  }

  /** The text of the {@code tEXt} chunk with this keyword, if there is one. */
  public static Optional<String> text(byte[] png, String keyword) {
    int position = 8;
    while (position + 12 <= png.length) {
      int length = ByteBuffer.wrap(png, position, 4).getInt();
      String type = new String(png, position + 4, 4, StandardCharsets.ISO_8859_1);
      if (type.equals("tEXt")) {
        String data = new String(png, position + 8, length, StandardCharsets.ISO_8859_1);
        if (data.startsWith(keyword + "\0")) {
          return Optional.of(data.substring(keyword.length() + 1));
        }
      }
      position += 12 + length;
    }
    return Optional.empty();
  }
}
