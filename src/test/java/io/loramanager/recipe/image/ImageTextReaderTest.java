package io.loramanager.recipe.image;

import static io.loramanager.testsupport.ImageFixtures.png;
import static io.loramanager.testsupport.ImageFixtures.unicodeComment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import io.loramanager.library.media.ImageFormat;
import io.loramanager.testsupport.ImageFixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTextReaderTest {

  private static final String A1111 =
      "a cat, <lora:x:0.5>\nNegative prompt: dog\nSteps: 20, Seed: 1";

  @TempDir Path dir;
  private final ImageTextReader reader = new ImageTextReader();

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void pngTextChunksFillTheirSlots() throws IOException {
    Path file =
        write(
            "a.png",
            png()
                .text("parameters", A1111)
                .text("prompt", "{\"3\":{}}")
                .text("workflow", "{\"nodes\":[]}")
                .build());
    ImageTexts texts = reader.read(file);
    assertThat(texts).isEqualTo(new ImageTexts(A1111, "{\"3\":{}}", "{\"nodes\":[]}", null, false));
    assertThat(texts.primary()).isEqualTo(A1111);
    assertThat(texts.hasWorkflow()).isTrue();
  }

  @Test
  void compressedAndInternationalChunksAreRead() throws IOException {
    String unicode = "猫, café <lora:x:1>\nSteps: 5";
    assertThat(reader.read(write("z.png", png().ztxt("parameters", A1111).build())).parameters())
        .isEqualTo(A1111);
    assertThat(
            reader
                .read(write("i.png", png().itxt("parameters", unicode, false).build()))
                .parameters())
        .isEqualTo(unicode);
    assertThat(reader.read(write("ic.png", png().itxt("prompt", unicode, true).build())).prompt())
        .isEqualTo(unicode);
  }

  @Test
  void comfyPngWithoutParametersOffersThePromptJson() throws IOException {
    ImageTexts texts =
        reader.read(
            write("c.png", png().text("prompt", "{\"1\":1}").text("workflow", "{}").build()));
    assertThat(texts.primary()).isEqualTo("{\"1\":1}");
  }

  @Test
  void jpegUserCommentInBothUtf16ByteOrdersAndBothTiffOrders() throws IOException {
    for (ByteOrder comment : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      for (ByteOrder tiff : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
        Path file = write("u.jpg", ImageFixtures.jpeg(unicodeComment(A1111, comment), null, tiff));
        assertThat(reader.read(file).parameters()).as(comment + "/" + tiff).isEqualTo(A1111);
      }
    }
  }

  @Test
  void jpegPlainUtf8CommentAndWorkflowDescription() throws IOException {
    Path file =
        write(
            "p.jpg",
            ImageFixtures.jpeg(
                A1111.getBytes(StandardCharsets.UTF_8),
                "Workflow:{\"a\":1}",
                ByteOrder.BIG_ENDIAN));
    ImageTexts texts = reader.read(file);
    assertThat(texts.parameters()).isEqualTo(A1111);
    assertThat(texts.comment()).isEqualTo(A1111);
    assertThat(texts.workflow()).isEqualTo("{\"a\":1}");
    assertThat(texts.prompt()).isNull();
  }

  @Test
  void descriptionWithoutWorkflowPrefixIsThePrompt() throws IOException {
    ImageTexts texts =
        reader.read(write("d.jpg", ImageFixtures.jpeg(null, "{\"1\":2}", ByteOrder.LITTLE_ENDIAN)));
    assertThat(texts).isEqualTo(new ImageTexts(null, "{\"1\":2}", null, null, false));
  }

  @Test
  void webpUserCommentInBothByteOrders() throws IOException {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      Path file =
          write("w.webp", ImageFixtures.webp(unicodeComment(A1111, order), "Workflow:{}", order));
      ImageTexts texts = reader.read(file);
      assertThat(texts.parameters()).isEqualTo(A1111);
      assertThat(texts.workflow()).isEqualTo("{}");
    }
  }

  @Test
  void videosAreAcceptedWithoutMetadata() throws IOException {
    byte[] mp4 =
        ImageFixtures.concat(
            new byte[] {0, 0, 0, 24}, "ftypisom".getBytes(StandardCharsets.US_ASCII), new byte[16]);
    byte[] webm = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0, 0, 0, 0};
    assertThat(reader.read(write("v.mp4", mp4))).isEqualTo(ImageTexts.VIDEO);
    assertThat(reader.read(write("v.webm", webm))).isEqualTo(ImageTexts.VIDEO);
    assertThat(reader.formatOf(write("x.bin", mp4))).isEqualTo(ImageFormat.MP4);
  }

  @Test
  void nonImageIsACleanBadInput() throws IOException {
    assertThatThrownBy(
            () -> reader.read(write("t.png", "hello, world".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(LmException.class)
        .hasMessage("Not a supported image: expected PNG, JPEG, WebP, MP4 or WebM")
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.BAD_INPUT);
    assertThatThrownBy(() -> reader.read(write("e.png", new byte[0])))
        .isInstanceOf(LmException.class);
    assertThatThrownBy(() -> reader.read(dir.resolve("missing.png")))
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.NOT_FOUND);
  }

  @Test
  void truncatedPngKeepsTheTextBeforeTheCut() throws IOException {
    byte[] whole = png().text("parameters", A1111).pixelBytes(4096).build();
    Path file = write("t.png", Arrays.copyOf(whole, whole.length - 3000));
    assertThat(reader.read(file).parameters()).isEqualTo(A1111);
  }

  @Test
  void truncatedInsideTheTextChunkHasNoText() throws IOException {
    byte[] whole = png().text("parameters", A1111).build();
    Path file = write("t2.png", Arrays.copyOf(whole, 33 + 20));
    assertThat(reader.read(file).primary()).isNull();
  }

  @Test
  void hundredMegabyteTextChunkIsRefusedWithoutReadingIt() throws IOException {
    Path file = dir.resolve("huge.png");
    byte[] head = png().build();
    // signature + IHDR (33 bytes), then a tEXt chunk declaring 100 MB, written sparse.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(head, 0, 33);
      raf.write(
          ByteBuffer.allocate(8)
              .putInt(100 * 1024 * 1024)
              .put("tEXt".getBytes(StandardCharsets.US_ASCII))
              .array());
      raf.write("parameters\0".getBytes(StandardCharsets.US_ASCII));
      raf.setLength(33 + 8 + 100L * 1024 * 1024 + 4);
    }
    assertThatThrownBy(() -> reader.read(file))
        .isInstanceOf(LmException.class)
        .hasMessage(
            "The image has a 'tEXt' chunk of 104857600 bytes; metadata chunks over 16 MB are not read");
  }

  @Test
  void zTxtBombIsRefused() throws IOException {
    String zeros = "0".repeat(20 * 1024 * 1024);
    Path file = write("bomb.png", png().ztxt("parameters", zeros).build());
    assertThatThrownBy(() -> reader.read(file))
        .isInstanceOf(LmException.class)
        .hasMessage(
            "The image has a compressed 'zTXt' chunk that inflates past 16 MB; it is not read");
  }

  @Test
  void chunkLengthBeyondTheFileIsTreatedAsTruncation() throws IOException {
    byte[] bytes = png().text("parameters", A1111).build();
    // Corrupt the IDAT length (after IHDR and tEXt) to claim 2 GB.
    int idat = 33 + 12 + "parameters".length() + 1 + A1111.length();
    ByteBuffer.wrap(bytes).putInt(idat, 0x7FFFFFF0);
    assertThat(reader.read(write("long.png", bytes)).parameters()).isEqualTo(A1111);
  }

  @Test
  void jpegWithBrokenExifIsACleanError() throws IOException {
    byte[] jpeg =
        ImageFixtures.jpeg(unicodeComment(A1111, ByteOrder.BIG_ENDIAN), null, ByteOrder.BIG_ENDIAN);
    jpeg[12] = 'X'; // byte-order mark "MM" becomes "XM": not a TIFF header
    jpeg[13] = 'X';
    ImageTexts texts = reader.read(write("bad.jpg", jpeg));
    assertThat(texts.primary()).isNull();
  }
}
