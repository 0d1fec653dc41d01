package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.loramanager.errors.LmException;
import org.junit.jupiter.api.Test;

class ModelTypeTest {

  @Test
  void loraAcceptsOnlySafetensorsIgnoringCase() {
    assertThat(ModelType.LORA.accepts("a.safetensors")).isTrue();
    assertThat(ModelType.LORA.accepts("A.SafeTensors")).isTrue();
    assertThat(ModelType.LORA.accepts("a.v2.safetensors")).isTrue();
    assertThat(ModelType.LORA.accepts("a.ckpt")).isFalse();
    assertThat(ModelType.LORA.accepts("a.safetensors.tmp")).isFalse();
    assertThat(ModelType.LORA.accepts("a.metadata.json")).isFalse();
  }

  @Test
  void checkpointAcceptsItsNineExtensionsIncludingGguf() {
    for (String ext :
        new String[] {".ckpt", ".pt", ".pt2", ".bin", ".pth", ".safetensors", ".pkl", ".sft"}) {
      assertThat(ModelType.CHECKPOINT.accepts("m" + ext)).as(ext).isTrue();
      assertThat(ModelType.EMBEDDING.accepts("m" + ext)).as(ext).isTrue();
    }
    assertThat(ModelType.CHECKPOINT.accepts("m.GGUF")).isTrue();
    assertThat(ModelType.EMBEDDING.accepts("m.gguf")).isFalse();
    assertThat(ModelType.CHECKPOINT.accepts("m.onnx")).isFalse();
  }

  @Test
  void aNameWithoutExtensionOrOnlyADotFileIsNotAModel() {
    assertThat(ModelType.LORA.accepts("safetensors")).isFalse();
    assertThat(ModelType.LORA.accepts(".safetensors")).isFalse();
    assertThat(ModelType.CHECKPOINT.accepts("")).isFalse();
  }

  @Test
  void fromPrefixMapsTheUrlSegments() {
    assertThat(ModelType.fromPrefix("loras")).isEqualTo(ModelType.LORA);
    assertThat(ModelType.fromPrefix("checkpoints")).isEqualTo(ModelType.CHECKPOINT);
    assertThat(ModelType.fromPrefix("embeddings")).isEqualTo(ModelType.EMBEDDING);
  }

  @Test
  void anUnknownPrefixIsNotFoundNamingIt() {
    LmException e = catchThrowableOfType(LmException.class, () -> ModelType.fromPrefix("lora"));

    assertThat(e.kind()).isEqualTo(LmException.Kind.NOT_FOUND);
    assertThat(e).hasMessage("Unknown model type 'lora'");
  }

  @Test
  void prefixMatchingIsCaseSensitive() {
    LmException e = catchThrowableOfType(LmException.class, () -> ModelType.fromPrefix("LoRAs"));

    assertThat(e.kind()).isEqualTo(LmException.Kind.NOT_FOUND);
  }

  @Test
  void idsPrefixesAndLabelsAreTheReferenceSpellings() {
    assertThat(ModelType.LORA.id()).isEqualTo("lora");
    assertThat(ModelType.CHECKPOINT.id()).isEqualTo("checkpoint");
    assertThat(ModelType.EMBEDDING.id()).isEqualTo("embedding");
    assertThat(ModelType.LORA.prefix()).isEqualTo("loras");
    assertThat(ModelType.LORA.label()).isEqualTo("LoRA");
    assertThat(ModelType.CHECKPOINT.label()).isEqualTo("Checkpoint");
    assertThat(ModelType.EMBEDDING.label()).isEqualTo("Embedding");
  }
}
