package io.loramanager.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"type":"models_changed"}}: the set of models changed (scan, delete, move, ...). */
@RegisterForReflection
public record ModelsChanged(String type) {

  public static final ModelsChanged INSTANCE = new ModelsChanged("models_changed");
}
