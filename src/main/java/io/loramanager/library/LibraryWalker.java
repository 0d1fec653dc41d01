package io.loramanager.library;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Walks the roots of one type (anchor-library §2.2): follows symlinks, visits each physical folder
 * once, skips {@code .lm-pending-delete}, keeps each physical file once under the first path in
 * root order. Folders are listed in parallel; every entry costs one {@code stat}.
 */
public final class LibraryWalker {

  public static final String PENDING_DELETE_DIR = ".lm-pending-delete";
  private static final Logger LOG = Logger.getLogger(LibraryWalker.class);

  private final ForkJoinPool pool;

  public LibraryWalker(ForkJoinPool pool) {
    this.pool = pool;
  }

  /** The result of a walk: the models found and the folders that could not be read. */
  public record Walk(List<FoundModel> models, List<String> unreadable, boolean cancelled) {}

  public Walk walk(ModelType type, List<ModelRoot> roots, BooleanSupplier cancelled) {
    Set<Path> visited = ConcurrentHashMap.newKeySet();
    Queue<FoundModel> found = new ConcurrentLinkedQueue<>();
    Queue<String> unreadable = new ConcurrentLinkedQueue<>();
    List<FolderTask> tasks = new ArrayList<>();
    for (ModelRoot root : roots) {
      if (visited.add(root.realPath())) {
        tasks.add(
            new FolderTask(
                type,
                root,
                root.path(),
                root.realPath(),
                "",
                visited,
                found,
                unreadable,
                cancelled));
      }
    }
    pool.invoke(
        new RecursiveAction() {
          @Override
          protected void compute() {
            invokeAll(tasks);
          }
        });
    return new Walk(
        firstPerPhysicalFile(found, roots), List.copyOf(unreadable), cancelled.getAsBoolean());
  }

  private static List<FoundModel> firstPerPhysicalFile(
      Queue<FoundModel> found, List<ModelRoot> roots) {
    Map<ModelRoot, Integer> order = new HashMap<>();
    for (int i = 0; i < roots.size(); i++) {
      order.put(roots.get(i), i);
    }
    List<FoundModel> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparing((FoundModel m) -> order.get(m.root()))
            .thenComparing(FoundModel::filePath));
    Set<Path> seen = new HashSet<>();
    List<FoundModel> unique = new ArrayList<>(sorted.size());
    for (FoundModel model : sorted) {
      if (seen.add(model.realPath())) {
        unique.add(model);
      }
    }
    return unique;
  }

  private static final class FolderTask extends RecursiveAction {
    private final ModelType type;
    private final ModelRoot root;
    private final Path dir;
    private final Path realDir;
    private final String folder;
    private final Set<Path> visited;
    private final Queue<FoundModel> found;
    private final Queue<String> unreadable;
    private final BooleanSupplier cancelled;

    FolderTask(
        ModelType type,
        ModelRoot root,
        Path dir,
        Path realDir,
        String folder,
        Set<Path> visited,
        Queue<FoundModel> found,
        Queue<String> unreadable,
        BooleanSupplier cancelled) {
      this.type = type;
      this.root = root;
      this.dir = dir;
      this.realDir = realDir;
      this.folder = folder;
      this.visited = visited;
      this.found = found;
      this.unreadable = unreadable;
      this.cancelled = cancelled;
    }

    @Override
    protected void compute() {
      if (cancelled.getAsBoolean()) {
        return;
      }
      Map<String, BasicFileAttributes> files = new HashMap<>();
      Map<String, Boolean> links = new HashMap<>();
      List<FolderTask> subfolders = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          BasicFileAttributes attrs = attributes(entry, links, name);
          if (attrs == null) {
            continue;
          }
          if (attrs.isDirectory()) {
            if (!PENDING_DELETE_DIR.equals(name)) {
              Path realSub = realPathOf(entry, realDir, name, links.get(name));
              if (realSub != null && visited.add(realSub)) {
                String sub = folder.isEmpty() ? name : folder + "/" + name;
                subfolders.add(
                    new FolderTask(
                        type, root, entry, realSub, sub, visited, found, unreadable, cancelled));
              }
            }
          } else if (attrs.isRegularFile()) {
            files.put(name, attrs);
          }
        }
      } catch (IOException e) {
        LOG.warnf("Cannot list %s: %s", dir, e.getMessage());
        unreadable.add(PathNames.slashes(dir));
        return;
      }
      FolderListing listing = new FolderListing(dir, files);
      for (Map.Entry<String, BasicFileAttributes> file : files.entrySet()) {
        String name = file.getKey();
        if (!type.accepts(name)) {
          continue;
        }
        Path path = dir.resolve(name);
        Path real = realPathOf(path, realDir, name, links.get(name));
        if (real != null) {
          found.add(
              new FoundModel(
                  path,
                  real,
                  PathNames.slashes(path),
                  root,
                  folder,
                  listing,
                  stamp(
                      file.getValue(), files.get(PathNames.baseName(name) + SidecarStore.SUFFIX))));
        }
      }
      invokeAll(subfolders);
    }

    private static FileStamp stamp(BasicFileAttributes model, BasicFileAttributes sidecar) {
      return new FileStamp(
          model.size(),
          model.lastModifiedTime().toMillis(),
          sidecar == null ? -1 : sidecar.size(),
          sidecar == null ? -1 : sidecar.lastModifiedTime().toMillis());
    }

    /**
     * Attributes following links; records which names are links. Null when unreadable or dangling.
     */
    private static BasicFileAttributes attributes(
        Path entry, Map<String, Boolean> links, String name) {
      try {
        BasicFileAttributes own =
            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!own.isSymbolicLink()) {
          return own;
        }
        links.put(name, Boolean.TRUE);
        return Files.readAttributes(entry, BasicFileAttributes.class);
      } catch (IOException e) {
        return null;
      }
    }

    private static Path realPathOf(Path entry, Path realDir, String name, Boolean link) {
      if (link == null) {
        return realDir.resolve(name);
      }
      try {
        return entry.toRealPath();
      } catch (IOException e) {
        return null;
      }
    }
  }
}
