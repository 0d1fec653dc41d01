package io.loramanager.library.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** replace-preview scales a wide image to the reference's 480-pixel width, in its own format. */
@QuarkusTest
class PreviewScaleFlowTest {

  @Inject CatalogStore store;

  private static byte[] png(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  @Test
  void aWidePngIsSavedAs480PixelsWideAndTheSidecarPointsAtIt() throws Exception {
    LibraryFixture library = TestLibrary.fresh();
    Path model = library.modelWithSidecar(library.loras(), "ink.safetensors", s -> {});
    TestLibrary.scan("loras");

    given()
        .multiPart("preview_file", "wide.png", png(1000, 600), "image/png")
        .multiPart("model_path", LibraryFixture.slashes(model))
        .post("/api/lm/loras/replace-preview")
        .then()
        .statusCode(200);

    Path preview = model.resolveSibling("ink.png");
    BufferedImage saved = ImageIO.read(new ByteArrayInputStream(LibraryFixture.read(preview)));
    assertThat(saved.getWidth()).isEqualTo(480);
    assertThat(saved.getHeight()).isEqualTo(288);
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(LibraryFixture.slashes(preview));
    assertThat(store.load(ModelType.LORA).get(0).previewUrl())
        .isEqualTo(LibraryFixture.slashes(preview));
    assertThat(model.resolveSibling("ink.png.tmp")).doesNotExist();
  }
}
