package io.loramanager.library;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The slim part of a sidecar's {@code civitai} object that the catalogue keeps (anchor-library
 * §2.5): version id, model id, version name, creator, trigger words and Civitai model type.
 */
@RegisterForReflection
public record CivitaiRef(
    Long id,
    Long modelId,
    String name,
    String creatorUsername,
    List<String> trainedWords,
    String modelType) {

  public CivitaiRef {
    trainedWords = trainedWords == null ? List.of() : List.copyOf(trainedWords);
  }
}
