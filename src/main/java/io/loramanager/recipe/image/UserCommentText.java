package io.loramanager.recipe.image;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes an EXIF UserComment (anchor-recipes §2.1). {@code UNICODE\0} is followed by UTF-16: the
 * reference always reads big-endian, we also recognise little-endian by its byte-order mark or by
 * where the zero bytes of ASCII text fall. {@code ASCII\0\0\0} and the all-zero "undefined" prefix
 * are stripped (the reference keeps them, a quirk). Invalid sequences become U+FFFD, never an
 * error.
 */
public final class UserCommentText {

  private static final byte[] UNICODE = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ASCII = "ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNDEFINED = new byte[8];
  private static final int SNIFF_BYTES = 256;

  private UserCommentText() {}

  /** The comment as text, without trailing NULs; null for a missing or empty value. */
  public static String decode(byte[] raw) {
    if (raw == null || raw.length == 0) {
      return null;
    }
    String text;
    if (startsWith(raw, UNICODE)) {
      text = utf16(Arrays.copyOfRange(raw, UNICODE.length, raw.length));
    } else if (startsWith(raw, ASCII) || startsWith(raw, UNDEFINED)) {
      text = lenient(Arrays.copyOfRange(raw, 8, raw.length), StandardCharsets.UTF_8);
    } else {
      text = lenient(raw, StandardCharsets.UTF_8);
    }
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\0') {
      end--;
    }
    return end == 0 ? null : text.substring(0, end);
  }

  private static String utf16(byte[] data) {
    if (data.length >= 2 && (data[0] & 0xFF) == 0xFE && (data[1] & 0xFF) == 0xFF) {
      return lenient(Arrays.copyOfRange(data, 2, data.length), StandardCharsets.UTF_16BE);
    }
    if (data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE) {
      return lenient(Arrays.copyOfRange(data, 2, data.length), StandardCharsets.UTF_16LE);
    }
    int zerosAtEven = 0;
    int zerosAtOdd = 0;
    for (int i = 0; i < Math.min(data.length, SNIFF_BYTES); i++) {
      if (data[i] == 0) {
        if (i % 2 == 0) {
          zerosAtEven++;
        } else {
          zerosAtOdd++;
        }
      }
    }
    Charset charset =
        zerosAtOdd > zerosAtEven ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
    return lenient(data, charset);
  }

  private static String lenient(byte[] data, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      // REPLACE never reports; kept for the checked signature.
      return new String(data, charset);
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }
}
