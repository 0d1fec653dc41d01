package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.SafetensorsFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsHeaderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String HASH =
      "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789";
  private static final long MAX_HEADER = 64L * 1024 * 1024;

  @TempDir Path dir;

  private String autov3(Path file) {
    return SafetensorsHeader.autov3(file, MAPPER);
  }

  @Test
  void sshsModelHashGivesTheFirstTwelveLowerCaseHexWithout0x() {
    Path file =
        SafetensorsFiles.write(dir.resolve("m.safetensors"), "sshs_model_hash", "0x" + HASH);

    assertThat(autov3(file)).isEqualTo("abcdef012345");
  }

  @Test
  void modelspecHashIsReadWhenSshsIsAbsent() {
    Path file =
        SafetensorsFiles.write(
            dir.resolve("m.safetensors"), "modelspec.hash_sha256", "0x" + "9".repeat(64));

    assertThat(autov3(file)).isEqualTo("999999999999");
  }

  @Test
  void sshsWinsOverModelspec() {
    String header =
        "{\"__metadata__\":{\"modelspec.hash_sha256\":\"0x"
            + "1".repeat(64)
            + "\",\"sshs_model_hash\":\""
            + "2".repeat(64)
            + "\"}}";
    Path file = dir.resolve("m.safetensors");
    LibraryFixture.write(file, SafetensorsFiles.bytes(header, new byte[0]));

    assertThat(autov3(file)).isEqualTo("222222222222");
  }

  @Test
  void theEmptyInputHashPlaceholderIsRejected() {
    Path file =
        SafetensorsFiles.write(
            dir.resolve("m.safetensors"),
            "sshs_model_hash",
            "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    assertThat(autov3(file)).isEmpty();
  }

  @Test
  void aShortOrNonHexValueIsRejected() {
    Path shortValue =
        SafetensorsFiles.write(dir.resolve("a.safetensors"), "sshs_model_hash", "0xabcdef");
    Path notHex =
        SafetensorsFiles.write(dir.resolve("b.safetensors"), "sshs_model_hash", "zz" + HASH);

    assertThat(autov3(shortValue)).isEmpty();
    assertThat(autov3(notHex)).isEmpty();
  }

  @Test
  void aHeaderWithoutMetadataHasNoValue() {
    Path file = dir.resolve("m.safetensors");
    LibraryFixture.write(
        file,
        SafetensorsFiles.bytes(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]));

    assertThat(autov3(file)).isEmpty();
  }

  @Test
  void aFileThatIsNotSafetensorsIsNotRead() {
    Path ckpt = SafetensorsFiles.write(dir.resolve("m.ckpt"), "sshs_model_hash", HASH);

    assertThat(autov3(ckpt)).isEmpty();
  }

  @Test
  void theExtensionIsComparedIgnoringCase() {
    Path file = SafetensorsFiles.write(dir.resolve("m.SafeTensors"), "sshs_model_hash", HASH);

    assertThat(autov3(file)).isEqualTo("abcdef012345");
  }

  @Test
  void truncatedOrGarbageFilesHaveNoValue() {
    Path tiny = dir.resolve("tiny.safetensors");
    LibraryFixture.write(tiny, new byte[] {1, 2, 3});
    Path lying = dir.resolve("lying.safetensors");
    byte[] real =
        SafetensorsFiles.bytes(
            SafetensorsFiles.headerWithMetadata("sshs_model_hash", HASH), new byte[0]);
    // Claims a header longer than the file.
    ByteBuffer.wrap(real).order(ByteOrder.LITTLE_ENDIAN).putLong(0, real.length);
    LibraryFixture.write(lying, real);
    Path garbage = dir.resolve("garbage.safetensors");
    LibraryFixture.write(garbage, SafetensorsFiles.bytes("not json at all", new byte[0]));
    Path zero = dir.resolve("zero.safetensors");
    LibraryFixture.write(zero, new byte[8]);

    assertThat(autov3(tiny)).isEmpty();
    assertThat(autov3(lying)).isEmpty();
    assertThat(autov3(garbage)).isEmpty();
    assertThat(autov3(zero)).isEmpty();
    assertThat(autov3(dir.resolve("missing.safetensors"))).isEmpty();
  }

  /** A real file whose header is valid JSON padded with spaces to exactly {@code length} bytes. */
  private Path paddedHeader(String name, long length) throws IOException {
    Path file = dir.resolve(name);
    byte[] json =
        SafetensorsFiles.headerWithMetadata("sshs_model_hash", HASH)
            .getBytes(StandardCharsets.UTF_8);
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length));
      out.write(ByteBuffer.wrap(json));
      ByteBuffer spaces = ByteBuffer.allocate(1024 * 1024);
      while (spaces.hasRemaining()) {
        spaces.put((byte) ' ');
      }
      long remaining = length - json.length;
      while (remaining > 0) {
        spaces.clear().limit((int) Math.min(spaces.capacity(), remaining));
        remaining -= out.write(spaces);
      }
    }
    return file;
  }

  @Test
  void aHeaderOfExactly64MibIsRead() throws IOException {
    assertThat(autov3(paddedHeader("max.safetensors", MAX_HEADER))).isEqualTo("abcdef012345");
  }

  @Test
  void aHeaderLongerThan64MibIsRejectedEvenWhenValid() throws IOException {
    assertThat(autov3(paddedHeader("big.safetensors", MAX_HEADER + 1))).isEmpty();
  }

  @Test
  void normaliseTrimsLowerCasesAndStrips0x() {
    assertThat(SafetensorsHeader.normalise("  0XABCDEF0123456789  ")).isEqualTo("abcdef012345");
    assertThat(SafetensorsHeader.normalise("")).isEmpty();
  }
}
