package io.loramanager.testsupport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes real safetensors files: an 8-byte little-endian header length, the JSON header, then the
 * tensor bytes.
 */
public final class SafetensorsFiles {

  private SafetensorsFiles() {}

  /** The bytes of a file whose header is {@code headerJson}, followed by {@code tensors}. */
  public static byte[] bytes(String headerJson, byte[] tensors) {
    byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + header.length + tensors.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(header.length)
        .put(header)
        .put(tensors)
        .array();
  }

  /** A header whose {@code __metadata__} has one key, plus one tiny tensor. */
  public static String headerWithMetadata(String key, String value) {
    return "{\"__metadata__\":{\""
        + key
        + "\":\""
        + value
        + "\",\"ss_network_dim\":\"16\"},"
        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
  }

  /** Writes a safetensors file with {@code __metadata__.<key> = value} and four tensor bytes. */
  public static Path write(Path file, String key, String value) {
    LibraryFixture.write(file, bytes(headerWithMetadata(key, value), new byte[] {1, 2, 3, 4}));
    return file;
  }
}
