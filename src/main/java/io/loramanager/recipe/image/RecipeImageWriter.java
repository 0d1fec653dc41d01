package io.loramanager.recipe.image;

import io.loramanager.errors.LmException;
import io.loramanager.library.media.ImageFormat;
import io.loramanager.storage.AtomicFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes the generation text into a saved recipe image (anchor-recipes §2.2) without re-encoding
 * it: for a PNG the {@code parameters} text chunk is replaced (tEXt when the text is Latin-1, else
 * uncompressed iTXt) and every other chunk is kept byte for byte; a JPEG or WebP gets a new EXIF
 * block with the UserComment ({@code UNICODE\0} + UTF-16BE, the reference's form) and its
 * ImageDescription, the image data untouched ({@link ExifEmbedding}). The file is replaced
 * atomically.
 */
@ApplicationScoped
public class RecipeImageWriter {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final String KEYWORD = "parameters";
  private static final String MARKER = "Recipe metadata: ";

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(RecipeImageWriter.class);

  private final ImageTextReader reader;

  @Inject
  public RecipeImageWriter(ImageTextReader reader) {
    this.reader = reader;
  }

  /**
   * Appends {@code Recipe metadata: <payloadJson>} to the image's text, replacing an earlier
   * marker: the PNG {@code parameters} chunk, or the EXIF UserComment of a JPEG or WebP. True when
   * written, false when the format is not rewritten (video) or the text does not fit a JPEG's EXIF
   * segment (about 32,000 characters; the recipe JSON stays the record).
   */
  public boolean appendRecipeMetadata(Path image, String payloadJson) throws IOException {
    ImageFormat format = reader.formatOf(image);
    if (format == ImageFormat.PNG) {
      return writeParameters(image, withRecipeMarker(reader.read(image).primary(), payloadJson));
    }
    if (format != ImageFormat.JPEG && format != ImageFormat.WEBP) {
      return false;
    }
    ImageTexts texts = reader.read(image);
    byte[] tiff = ExifBlock.of(withRecipeMarker(texts.primary(), payloadJson), description(texts));
    if (format == ImageFormat.JPEG && tiff.length > ExifEmbedding.MAX_JPEG_EXIF) {
      LOG.warnf("Recipe text too long for the EXIF of %s; the image keeps its old text", image);
      return false;
    }
    byte[] content = Files.readAllBytes(image);
    AtomicFiles.write(
        image,
        format == ImageFormat.JPEG
            ? ExifEmbedding.jpeg(content, tiff)
            : ExifEmbedding.webp(content, tiff));
    return true;
  }

  /**
   * The ImageDescription kept in the new EXIF, as the reference's writer: the workflow ({@code
   * Workflow:<json>}), else the prompt the description held; other EXIF tags are not kept.
   */
  private static String description(ImageTexts texts) {
    if (texts.workflow() != null) {
      return "Workflow:" + texts.workflow();
    }
    return texts.prompt();
  }

  /** Sets the PNG {@code parameters} text; false for any other format (left untouched). */
  public boolean writeParameters(Path image, String text) throws IOException {
    if (reader.formatOf(image) != ImageFormat.PNG) {
      return false;
    }
    AtomicFiles.write(image, withParameters(Files.readAllBytes(image), text));
    return true;
  }

  /**
   * The text with the recipe marker appended as the reference does: an earlier marker (up to the
   * next newline, with a preceding {@code ", "}) is removed, then {@code " \n Recipe metadata:
   * <json>"} is appended, or the marker alone when there was no text.
   */
  public static String withRecipeMarker(String existing, String payloadJson) {
    String base = existing == null ? "" : existing;
    int marker = base.indexOf(MARKER);
    if (marker >= 0) {
      int newline = base.indexOf('\n', marker);
      int start = base.startsWith(", ", Math.max(0, marker - 2)) ? marker - 2 : marker;
      base = base.substring(0, start) + (newline < 0 ? "" : base.substring(newline));
      base = base.stripTrailing();
    }
    return base.isEmpty() ? MARKER + payloadJson : base + " \n " + MARKER + payloadJson;
  }

  static byte[] withParameters(byte[] png, String text) {
    if (png.length < 8 || !java.util.Arrays.equals(png, 0, 8, PNG_SIGNATURE, 0, 8)) {
      throw LmException.badInput("Not a PNG image");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + text.length() + 64);
    out.write(png, 0, 8);
    int position = 8;
    boolean inserted = false;
    boolean ended = false;
    while (position + 12 <= png.length) {
      int length = ByteBuffer.wrap(png, position, 4).getInt();
      if (length < 0 || position + 12L + length > png.length) {
        throw LmException.badInput("The PNG is truncated; its text cannot be rewritten");
      }
      String type = new String(png, position + 4, 4, StandardCharsets.ISO_8859_1);
      boolean oldParameters = isText(type) && hasKeyword(png, position + 8, length);
      if (!oldParameters) {
        out.write(png, position, 12 + length);
      }
      if (type.equals("IHDR") && !inserted) {
        writeTextChunk(out, text);
        inserted = true;
      }
      position += 12 + length;
      if (type.equals("IEND")) {
        ended = true;
        break;
      }
    }
    if (!ended && position < png.length) {
      // Bytes after the last whole chunk (a sloppy writer's short trailer) are kept as they were.
      out.write(png, position, png.length - position);
    }
    if (!inserted) {
      throw LmException.badInput("The PNG has no header chunk");
    }
    return out.toByteArray();
  }

  private static boolean isText(String type) {
    return type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt");
  }

  private static boolean hasKeyword(byte[] png, int dataStart, int length) {
    byte[] keyword = KEYWORD.getBytes(StandardCharsets.ISO_8859_1);
    return length > keyword.length
        && java.util.Arrays.equals(
            png, dataStart, dataStart + keyword.length, keyword, 0, keyword.length)
        && png[dataStart + keyword.length] == 0;
  }

  private static void writeTextChunk(ByteArrayOutputStream out, String text) {
    boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text);
    ByteArrayOutputStream data = new ByteArrayOutputStream(text.length() + 32);
    data.writeBytes(KEYWORD.getBytes(StandardCharsets.ISO_8859_1));
    data.write(0);
    if (latin1) {
      data.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
      writeChunk(out, "tEXt", data.toByteArray());
    } else {
      data.write(0); // not compressed
      data.write(0); // compression method
      data.write(0); // empty language tag
      data.write(0); // empty translated keyword
      data.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      writeChunk(out, "iTXt", data.toByteArray());
    }
  }

  /** Writes one PNG chunk: length, type, data, CRC over type and data. */
  public static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
