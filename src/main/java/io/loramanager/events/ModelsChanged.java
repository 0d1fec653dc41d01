package io.loramanager.events;

/** {@code {"type":"models_changed"}}: the set of models changed (scan, delete, move, ...). */
public record ModelsChanged(String type) {

  public static final ModelsChanged INSTANCE = new ModelsChanged("models_changed");
}
