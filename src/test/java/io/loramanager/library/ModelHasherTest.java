package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.testsupport.LibraryFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelHasherTest {

  private static final int CHUNK = 4096;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17})
  void hashMatchesMessageDigestOverTheSameBytes(int size) throws IOException {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    Path file = dir.resolve("m.bin");
    LibraryFixture.write(file, content);

    assertThat(ModelHasher.sha256(file, CHUNK)).isEqualTo(LibraryFixture.sha256(content));
  }

  @Test
  void knownVectorsInLowerCaseHex() throws IOException {
    Path empty = dir.resolve("empty.bin");
    LibraryFixture.write(empty, new byte[0]);
    Path abc = dir.resolve("abc.bin");
    LibraryFixture.write(abc, "abc".getBytes(StandardCharsets.US_ASCII));

    assertThat(ModelHasher.sha256(empty, CHUNK))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(ModelHasher.sha256(abc, 1))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aMissingFileFails() {
    assertThatThrownBy(() -> ModelHasher.sha256(dir.resolve("gone.bin"), CHUNK))
        .isInstanceOf(NoSuchFileException.class);
  }
}
