package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Named sets of roots (anchor-library §6.2): {@code libraries: {name: {folder_paths, ...}}} and
 * {@code active_library} in {@code settings.json}, whose top-level {@code folder_paths}, {@code
 * extra_folder_paths}, {@code default_*_root} and {@code recipes_path} mirror the active library.
 * Settings without libraries have one, {@code default}, made of the top-level roots. Activating a
 * library changes the top-level roots, so the catalogue follows through {@link SettingsChanged}.
 */
@ApplicationScoped
public class LibraryRegistry {

  private static final String LIBRARIES = "libraries";
  private static final String DEFAULT = "default";

  /**
   * The registry as clients see it.
   *
   * @param libraries every library by name
   * @param active the name of the active one
   */
  public record Libraries(ObjectNode libraries, String active) {}

  private final SettingsStore store;

  @Inject
  public LibraryRegistry(SettingsStore store) {
    this.store = store;
  }

  public Libraries libraries() {
    return of(store.current().document());
  }

  /**
   * Makes {@code name} the active library: its roots become the top-level ones (the roots of the
   * library left are kept in its entry first, hand edits included).
   *
   * @throws LmException bad input for a blank name, not found for an unknown one
   */
  public Libraries activate(String name) {
    if (name == null || name.isBlank()) {
      throw LmException.badInput("Library name is required");
    }
    return of(store.update(document -> switchTo(document, name)).document());
  }

  private static Libraries of(ObjectNode document) {
    ObjectNode libraries = registered(document);
    return new Libraries(libraries, activeName(document, libraries));
  }

  /** A copy of the stored libraries, or the one made of the top-level roots when none is. */
  private static ObjectNode registered(ObjectNode document) {
    JsonNode stored = document.get(LIBRARIES);
    if (stored != null && stored.isObject() && !stored.isEmpty()) {
      return (ObjectNode) stored.deepCopy();
    }
    ObjectNode libraries = document.objectNode();
    String name = document.path(SettingsSchema.ACTIVE_LIBRARY).asText("");
    ObjectNode library = libraries.putObject(name.isBlank() ? DEFAULT : name);
    for (String key : SettingsSchema.LIBRARY_ROOT_KEYS) {
      JsonNode value = document.get(key);
      if (value != null) {
        library.set(key, value.deepCopy());
      }
    }
    if (!library.has("folder_paths")) {
      library.putObject("folder_paths");
    }
    return libraries;
  }

  private static String activeName(ObjectNode document, ObjectNode libraries) {
    String active = document.path(SettingsSchema.ACTIVE_LIBRARY).asText("");
    return libraries.has(active) ? active : libraries.fieldNames().next();
  }

  private static void switchTo(ObjectNode document, String name) {
    ObjectNode libraries = registered(document);
    JsonNode target = libraries.get(name);
    if (target == null) {
      throw LmException.notFound("Unknown library: " + name);
    }
    // Only a stored active library is mirrored by the top level (else it was merely the first).
    String stored = document.path(SettingsSchema.ACTIVE_LIBRARY).asText("");
    if (name.equals(stored) && document.has(LIBRARIES)) {
      return;
    }
    if (document.has(LIBRARIES) && libraries.get(stored) instanceof ObjectNode leaving) {
      for (String key : SettingsSchema.LIBRARY_ROOT_KEYS) {
        copy(document, leaving, key); // keep its roots, hand edits included
      }
    }
    document.set(LIBRARIES, libraries);
    document.put(SettingsSchema.ACTIVE_LIBRARY, name);
    for (String key : SettingsSchema.LIBRARY_ROOT_KEYS) {
      copy(target, document, key);
    }
    if (!document.has("folder_paths")) {
      document.putObject("folder_paths");
    }
  }

  /**
   * Keeps the top-level roots and the active library's entry in step after a change of {@code
   * changedKeys}: changed top-level roots are copied into the entry; otherwise, when the libraries
   * themselves changed, the roots the active entry names are copied to the top level.
   */
  static void mirror(ObjectNode document, Set<String> changedKeys) {
    JsonNode libraries = document.get(LIBRARIES);
    String active = document.path(SettingsSchema.ACTIVE_LIBRARY).asText("");
    if (libraries == null || !(libraries.get(active) instanceof ObjectNode entry)) {
      return;
    }
    boolean rootsChanged = false;
    for (String key : SettingsSchema.LIBRARY_ROOT_KEYS) {
      if (changedKeys.contains(key)) {
        copy(document, entry, key);
        rootsChanged = true;
      }
    }
    if (!rootsChanged && changedKeys.contains(LIBRARIES)) {
      for (String key : SettingsSchema.LIBRARY_ROOT_KEYS) {
        if (entry.has(key)) {
          copy(entry, document, key);
        }
      }
    }
  }

  /**
   * Sets {@code to.key} to a copy of {@code from.key}, or removes it when {@code from} has none.
   */
  private static void copy(JsonNode from, ObjectNode to, String key) {
    JsonNode value = from.get(key);
    if (value == null) {
      to.remove(key);
    } else {
      to.set(key, value.deepCopy());
    }
  }
}
