package io.loramanager.library.examples;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The stand-in until a Civitai client provides a {@link MetadataRefresher}: never refreshes. */
@DefaultBean
@ApplicationScoped
public class NoMetadataRefresher implements MetadataRefresher {

  @Override
  public boolean refresh(ModelType type, ModelEntry model) {
    return false;
  }
}
