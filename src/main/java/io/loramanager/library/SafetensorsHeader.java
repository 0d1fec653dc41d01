package io.loramanager.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads AutoV3 from a safetensors header (anchor-library §2.4): the {@code __metadata__} key {@code
 * sshs_model_hash} or {@code modelspec.hash_sha256}, first 12 hex characters. Only the header is
 * read, so it is cheap.
 */
public final class SafetensorsHeader {

  private static final long MAX_HEADER = 64L * 1024 * 1024;
  private static final String EMPTY_INPUT_HASH = "e3b0c44298fc";
  private static final Pattern HEX12 = Pattern.compile("[0-9a-f]{12}");

  private SafetensorsHeader() {}

  /** The AutoV3 value, or "" when the file has none (or is not a readable safetensors file). */
  public static String autov3(Path file, ObjectMapper mapper) {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
      return "";
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      if (readFully(channel, length) < 8) {
        return "";
      }
      long headerLength = length.flip().getLong();
      if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > channel.size() - 8) {
        return "";
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header);
      JsonNode metadata = mapper.readTree(header.array()).path("__metadata__");
      return normalise(
          metadata
              .path("sshs_model_hash")
              .asText(metadata.path("modelspec.hash_sha256").asText("")));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  static String normalise(String raw) {
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("0x")) {
      value = value.substring(2);
    }
    if (value.length() < 12) {
      return "";
    }
    value = value.substring(0, 12);
    return HEX12.matcher(value).matches() && !EMPTY_INPUT_HASH.equals(value) ? value : "";
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer);
      if (read < 0) {
        break;
      }
      total += read;
    }
    return total;
  }
}
