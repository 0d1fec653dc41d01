package io.loramanager.library;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Roots, folders and folder trees of a type (anchor-library §3.7). */
@ApplicationScoped
public class LibraryFolders {

  /** Ignoring case for the order only: "Styles" and "styles" are two folders. */
  private static final Comparator<String> FOLDER_ORDER =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  private final ModelCatalog catalog;
  private final LibraryRoots roots;

  @Inject
  public LibraryFolders(ModelCatalog catalog, LibraryRoots roots) {
    this.catalog = catalog;
    this.roots = roots;
  }

  /** The configured roots with forward slashes. */
  public List<String> roots(ModelType type) {
    List<String> display = new ArrayList<>();
    for (ModelRoot root : roots.of(type)) {
      display.add(root.display());
    }
    return display;
  }

  /** Every folder holding an active model, "" included, sorted ignoring case. */
  public List<String> folders(ModelType type) {
    return catalog.snapshot(type).folders();
  }

  /**
   * The folder tree under one root. Unlike the reference, which builds it from every root's
   * folders, only that root's models count.
   */
  public Map<String, Object> folderTree(ModelType type, String modelRoot) {
    if (modelRoot == null || modelRoot.isBlank()) {
      throw LmException.badInput("model_root parameter is required");
    }
    String root = PathNames.slashes(modelRoot.trim());
    while (root.length() > 1 && root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    if (!roots(type).contains(root)) {
      throw LmException.badInput("model_root '" + modelRoot + "' is not a configured root");
    }
    String prefix = root + "/";
    Map<String, Object> tree = new TreeMap<>(FOLDER_ORDER);
    for (ModelEntry entry : catalog.snapshot(type).active()) {
      if (entry.filePath().startsWith(prefix)) {
        add(tree, entry.folder());
      }
    }
    return tree;
  }

  /** One tree over the folders of every root. */
  public Map<String, Object> unifiedFolderTree(ModelType type) {
    Map<String, Object> tree = new TreeMap<>(FOLDER_ORDER);
    for (String folder : folders(type)) {
      add(tree, folder);
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> tree, String folder) {
    if (folder.isEmpty()) {
      return;
    }
    Map<String, Object> node = tree;
    for (String part : folder.split("/")) {
      node = (Map<String, Object>) node.computeIfAbsent(part, k -> new TreeMap<>(FOLDER_ORDER));
    }
  }
}
