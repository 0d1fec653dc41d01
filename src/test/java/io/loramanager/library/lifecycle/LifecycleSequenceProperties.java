package io.loramanager.library.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.LibraryWalker;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.SidecarStore;
import io.loramanager.library.lifecycle.LifecycleOps.Delete;
import io.loramanager.library.lifecycle.LifecycleOps.DeleteBulk;
import io.loramanager.library.lifecycle.LifecycleOps.Move;
import io.loramanager.library.lifecycle.LifecycleOps.MoveBulk;
import io.loramanager.library.lifecycle.LifecycleOps.Op;
import io.loramanager.library.lifecycle.LifecycleOps.Rename;
import io.loramanager.library.lifecycle.LifecycleOps.Undo;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryGenerator;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.engine.SourceOfRandomness;
import org.junit.jupiter.api.Test;

/**
 * Any generated sequence of rename, move, bulk move, delete, bulk delete, undo and rescan on a
 * generated library, driven through the real services, keeps the model files on disk, the catalogue
 * (and the {@code list} answer) and the SQLite rows equal; loses no file and no sidecar; touches no
 * file of a model it was not asked to change; and when it refuses, changes nothing. The unique-name
 * rule of a move never takes a name that was in use.
 *
 * <p>jqwik's {@code @Property} runs on its own engine, outside the Quarkus test extension, so the
 * sequences are drawn from the jqwik arbitraries of {@link LifecycleOps} with a fixed seed inside
 * one {@code @QuarkusTest}; a failure names the run, the step and the whole sequence.
 */
@QuarkusTest
class LifecycleSequenceProperties {

  private static final long SEED = 0x5EED2026L;
  private static final int SEQUENCES = 20;
  private static final int MODELS = 12;
  private static final ModelType TYPE = ModelType.LORA;
  private static final String PENDING = LibraryWalker.PENDING_DELETE_DIR;

  @Inject ModelRenamer renamer;
  @Inject ModelMover mover;
  @Inject ModelDeletion deletion;
  @Inject DeleteUndo undo;
  @Inject ModelCatalog catalog;
  @Inject CatalogStore store;

  private final Map<String, Integer> outcomes = new TreeMap<>();

  @Test
  void anySequenceKeepsDiskCatalogueAndDatabaseEqualAndLosesNoFile() throws Exception {
    // sampleStream() draws from jqwik's per-thread random source: seeding it makes runs repeatable.
    SourceOfRandomness.create(Long.toString(SEED));
    List<List<Op>> all = LifecycleOps.sequences().sampleStream().limit(SEQUENCES).toList();
    for (int run = 0; run < SEQUENCES; run++) {
      List<Op> ops = all.get(run);
      // Only LoRAs are generated: after the first run, resetting and rescanning them is enough.
      LibraryFixture library =
          run == 0 ? TestLibrary.fresh() : LibraryFixture.testLibrary().reset();
      new LibraryGenerator(library.dir(), SEED + run, LibraryGenerator.Mix.LORAS_ONLY)
          .write(MODELS);
      TestLibrary.scan("loras");
      Sequence sequence = new Sequence(library.loras());
      for (int step = 0; step < ops.size(); step++) {
        try {
          sequence.apply(ops.get(step));
        } catch (AssertionError e) {
          throw new AssertionError(
              "run " + run + ", step " + step + " of " + ops + ": " + e.getMessage(), e);
        }
      }
      sequence.finish();
    }
    // Each kind of outcome happened, so no property held only because nothing was tried.
    assertThat(outcomes)
        .containsKeys(
            "rename",
            "rename refused: name taken",
            "move",
            "move to a taken name: unique name",
            "move to its own folder",
            "bulk move",
            "delete",
            "bulk delete",
            "undo",
            "undo refused: unknown batch",
            "rescan");
  }

  /** One run: the library's root, what it held at the start, and the batches deleted so far. */
  private final class Sequence {

    private final Path root;
    private final Map<String, Long> contents;
    private final long sidecars;
    private final List<Batch> batches = new ArrayList<>();

    Sequence(Path root) throws IOException {
      this.root = root.toAbsolutePath().normalize();
      Map<Path, String> start = disk();
      this.contents = contents(start);
      this.sidecars =
          start.keySet().stream().filter(LifecycleSequenceProperties::isSidecar).count();
      checkAgreement(start);
    }

    void apply(Op op) throws IOException {
      List<ModelEntry> models = catalogued();
      Map<Path, String> before = disk();
      // The files the operation may change; none when it must leave the disk as it was.
      Set<Path> changed = Set.of();
      if (op instanceof LifecycleOps.Rescan) {
        Set<String> paths = paths(models);
        TestLibrary.scan("loras");
        count("rescan");
        assertThat(paths(catalogued())).isEqualTo(paths);
      } else if (op instanceof Undo u) {
        if (!batches.isEmpty()) {
          changed = undo(batches.get(u.batch() % batches.size()), before);
        }
      } else if (models.isEmpty()) {
        return;
      } else if (op instanceof Rename r) {
        ModelEntry entry = pick(models, r.model());
        String name =
            r.name() < LifecycleOps.NAMES.size()
                ? LifecycleOps.NAMES.get(r.name())
                // A neighbour in path order: often in the same folder, so often a clash.
                : base(
                    Path.of(
                        pick(models, r.model() + 1 + r.name() - LifecycleOps.NAMES.size())
                            .filePath()));
        changed = rename(entry, name, before);
      } else if (op instanceof Move m) {
        changed = move(List.of(pick(models, m.model())), folder(models, m.folder()), before, false);
      } else if (op instanceof MoveBulk m) {
        changed = move(picks(models, m.models()), folder(models, m.folder()), before, true);
      } else if (op instanceof Delete d) {
        changed = delete(List.of(pick(models, d.model())), before);
      } else if (op instanceof DeleteBulk d) {
        changed = delete(picks(models, d.models()), before);
      }
      Map<Path, String> after = disk();
      assertOthersUntouched(before, after, changed);
      checkAgreement(after);
      checkNothingLost(after);
    }

    private Set<Path> rename(ModelEntry entry, String name, Map<Path, String> before) {
      Path model = Path.of(entry.filePath());
      try {
        ModelRenamer.Renamed renamed = renamer.rename(TYPE, entry.filePath(), name);
        Path target = Path.of(renamed.entry().filePath());
        assertThat(target).isEqualTo(model.resolveSibling(name + extension(model)));
        count(renamed.renamedFiles().isEmpty() ? "rename to its own name" : "rename");
        assertRelocated(before, model, target);
        return ownFiles(before, model);
      } catch (LmException e) {
        count("rename refused: name taken");
        assertThat(e.kind()).isEqualTo(LmException.Kind.CONFLICT);
        assertThat(e.getMessage()).startsWith("A file with this name already exists: ");
        return Set.of();
      }
    }

    private Set<Path> move(
        List<ModelEntry> entries, Path folder, Map<Path, String> before, boolean bulk) {
      String target = PathNames.slashes(folder);
      List<ModelMover.Moved> results =
          bulk
              ? mover
                  .moveAll(TYPE, entries.stream().map(ModelEntry::filePath).toList(), target, false)
                  .moved()
              : List.of(mover.move(TYPE, entries.get(0).filePath(), target, false));
      assertThat(results).hasSize(entries.size());
      Set<Path> changed = new LinkedHashSet<>();
      // Names taken by models moved earlier in the same bulk move.
      Map<Path, String> taken = new HashMap<>(before);
      for (ModelMover.Moved moved : results) {
        Path model = Path.of(moved.originalPath());
        assertThat(moved.error()).isNull();
        if (moved.unchanged()) {
          count("move to its own folder");
          assertThat(moved.newPath()).isEqualTo(moved.originalPath());
          continue;
        }
        count(bulk ? "bulk move" : "move");
        Path now = Path.of(moved.newPath());
        assertThat(now.getParent()).isEqualTo(folder);
        assertUniqueNameRule(taken, before, model, now, moved.entry().sha256());
        assertRelocated(before, model, now);
        for (Path file : ownFiles(before, model)) {
          changed.add(file);
          taken.put(now.resolveSibling(base(now) + suffix(file, base(model))), "moved here");
        }
      }
      return changed;
    }

    /** A new name only when the old one was taken there, and never a name that was in use. */
    private void assertUniqueNameRule(
        Map<Path, String> taken, Map<Path, String> before, Path from, Path to, String sha) {
      String oldBase = base(from);
      String newBase = base(to);
      if (!newBase.equals(oldBase)) {
        count("move to a taken name: unique name");
        assertThat(newBase)
            .matches(Pattern.quote(oldBase) + "-" + sha.substring(0, 4) + "(-[1-9][0-9]*)?");
        assertThat(taken.keySet())
            .as("the name %s was taken in %s", oldBase, to.getParent())
            .anyMatch(file -> file.getParent().equals(to.getParent()) && takes(file, oldBase));
      }
      for (Path file : ownFiles(before, from)) {
        Path target = to.resolveSibling(newBase + suffix(file, oldBase));
        assertThat(taken).as("no file is overwritten").doesNotContainKey(target);
      }
    }

    /** Every file of the model now sits under the new name, with the same content. */
    private void assertRelocated(Map<Path, String> before, Path from, Path to) {
      String oldBase = base(from);
      String newBase = base(to);
      for (Path file : ownFiles(before, from)) {
        Path now = to.resolveSibling(newBase + suffix(file, oldBase));
        assertThat(now).exists();
        if (!now.equals(file)) {
          assertThat(file).doesNotExist();
        }
        if (!isSidecar(file)) {
          assertThat(hash(now)).isEqualTo(before.get(file));
        }
      }
    }

    private Set<Path> delete(List<ModelEntry> entries, Map<Path, String> before) {
      List<String> paths = entries.stream().map(ModelEntry::filePath).distinct().toList();
      ModelDeletion.Deleted deleted = deletion.delete(TYPE, paths);
      count(entries.size() > 1 ? "bulk delete" : "delete");
      assertThat(deleted.filePaths()).containsExactlyElementsOf(paths);
      assertThat(deleted.batchId()).isNotNull();
      Map<Path, String> staged = new HashMap<>();
      for (String path : paths) {
        for (Path file : ownFiles(before, Path.of(path))) {
          Path inStaging =
              file.resolveSibling(PENDING).resolve(deleted.batchId()).resolve(file.getFileName());
          assertThat(file).doesNotExist();
          assertThat(hash(inStaging)).isEqualTo(before.get(file));
          staged.put(file, before.get(file));
        }
      }
      batches.add(new Batch(deleted.batchId(), staged));
      return staged.keySet();
    }

    private Set<Path> undo(Batch batch, Map<Path, String> before) {
      try {
        PendingDeletes.Restored restored = undo.undo(batch.id());
        count("undo");
        assertThat(batch.undone).isFalse();
        batch.undone = true;
        assertThat(restored.files()).containsExactlyInAnyOrderElementsOf(batch.files().keySet());
        batch
            .files()
            .forEach(
                (file, content) -> {
                  assertThat(before).doesNotContainKey(file);
                  assertThat(hash(file)).isEqualTo(content);
                  assertThat(file.resolveSibling(PENDING).resolve(batch.id())).doesNotExist();
                });
        return batch.files().keySet();
      } catch (LmException e) {
        if (batch.undone) {
          count("undo refused: unknown batch");
          assertThat(e.getMessage()).isEqualTo("Unknown batch id: " + batch.id());
        } else {
          count("undo refused: target occupied");
          assertThat(e.kind()).isEqualTo(LmException.Kind.CONFLICT);
          assertThat(batch.files().keySet()).anyMatch(before::containsKey);
        }
        return Set.of();
      }
    }

    /**
     * Every file outside the staging folders that was not {@code changed} is as it was; with
     * nothing changed, staging folders too.
     */
    private void assertOthersUntouched(
        Map<Path, String> before, Map<Path, String> after, Set<Path> changed) {
      if (changed.isEmpty()) {
        assertThat(after).as("nothing changed on disk").isEqualTo(before);
        return;
      }
      before.forEach(
          (file, content) -> {
            if (!changed.contains(file) && !inStaging(file)) {
              assertThat(after.get(file)).as("untouched %s", file).isEqualTo(content);
            }
          });
    }

    /** Disk (outside staging) == catalogue == SQLite; each sidecar names its model and hash. */
    private void checkAgreement(Map<Path, String> files) {
      Set<String> onDisk =
          files.keySet().stream()
              .filter(file -> !inStaging(file) && TYPE.accepts(file.getFileName().toString()))
              .map(PathNames::slashes)
              .collect(Collectors.toCollection(java.util.TreeSet::new));
      List<ModelEntry> models = catalogued();
      assertThat(paths(models)).as("catalogue").isEqualTo(onDisk);
      assertThat(paths(store.load(TYPE))).as("SQLite rows").isEqualTo(onDisk);
      for (ModelEntry entry : models) {
        Path model = Path.of(entry.filePath());
        ObjectNode sidecar = LibraryFixture.readJson(SidecarStore.sidecarOf(model));
        assertThat(sidecar.path("file_path").asText()).isEqualTo(entry.filePath());
        assertThat(sidecar.path("file_name").asText()).isEqualTo(base(model));
        assertThat(sidecar.path("sha256").asText())
            .isEqualTo(entry.sha256())
            .isEqualTo(hash(model));
      }
    }

    /** No content appeared or vanished (staged files count), and every sidecar still exists. */
    private void checkNothingLost(Map<Path, String> now) {
      assertThat(contents(now)).as("file contents").isEqualTo(contents);
      assertThat(now.keySet().stream().filter(LifecycleSequenceProperties::isSidecar).count())
          .as("sidecars")
          .isEqualTo(sidecars);
    }

    /** The {@code list} answer is the active catalogue; SQLite matches after a final rescan. */
    void finish() {
      Set<String> active =
          catalog.snapshot(TYPE).active().stream()
              .map(ModelEntry::filePath)
              .collect(Collectors.toCollection(java.util.TreeSet::new));
      List<String> listed =
          given()
              .get("/api/lm/loras/list?page_size=100")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.file_path");
      assertThat(new java.util.TreeSet<>(listed)).isEqualTo(active);
      TestLibrary.scan("loras");
      checkAgreement(disk());
    }

    private Path folder(List<ModelEntry> models, int choice) {
      List<String> fresh = LifecycleOps.NEW_FOLDERS;
      if (choice < fresh.size()) {
        return fresh.get(choice).isEmpty() ? root : root.resolve(fresh.get(choice));
      }
      return Path.of(pick(models, choice).filePath()).getParent();
    }

    private Map<Path, String> disk() {
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .filter(Files::isRegularFile)
            .collect(Collectors.toMap(Function.identity(), LifecycleSequenceProperties::hash));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private boolean inStaging(Path file) {
      return root.relativize(file).toString().contains(PENDING);
    }
  }

  /** A deleted batch: each staged file's original path and content hash. */
  private static final class Batch {
    private final String id;
    private final Map<Path, String> files;
    private boolean undone;

    Batch(String id, Map<Path, String> files) {
      this.id = id;
      this.files = files;
    }

    String id() {
      return id;
    }

    Map<Path, String> files() {
      return files;
    }
  }

  private List<ModelEntry> catalogued() {
    return catalog.snapshot(TYPE).all().stream()
        .sorted(Comparator.comparing(ModelEntry::filePath))
        .toList();
  }

  private void count(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }

  private static ModelEntry pick(List<ModelEntry> models, int index) {
    return models.get(index % models.size());
  }

  private static List<ModelEntry> picks(List<ModelEntry> models, List<Integer> indexes) {
    return indexes.stream().map(i -> pick(models, i)).distinct().toList();
  }

  private static Set<String> paths(List<ModelEntry> models) {
    return models.stream()
        .map(ModelEntry::filePath)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** The model file and its own companions, as they were on disk before the operation. */
  private static Set<Path> ownFiles(Map<Path, String> before, Path model) {
    String base = base(model);
    Set<Path> own = new LinkedHashSet<>();
    own.add(model);
    for (String suffix : CompanionFiles.SUFFIXES) {
      Path file = model.resolveSibling(base + suffix);
      if (before.containsKey(file)) {
        own.add(file);
      }
    }
    return own;
  }

  private static Map<String, Long> contents(Map<Path, String> files) {
    return files.entrySet().stream()
        .filter(e -> !isSidecar(e.getKey()) && !isManifest(e.getKey()))
        .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new, Collectors.counting()));
  }

  /** Whether {@code file} makes {@code base} unavailable to a moved model: its file or sidecar. */
  private static boolean takes(Path file, String base) {
    String name = file.getFileName().toString();
    return name.equals(base + SidecarStore.SUFFIX) || TYPE.accepts(name) && base(file).equals(base);
  }

  private static boolean isSidecar(Path file) {
    return file.getFileName().toString().endsWith(SidecarStore.SUFFIX);
  }

  private static boolean isManifest(Path file) {
    return file.getFileName().toString().equals(StagingManifest.FILE_NAME);
  }

  private static String base(Path file) {
    return PathNames.baseName(file.getFileName().toString());
  }

  private static String extension(Path model) {
    return model.getFileName().toString().substring(base(model).length());
  }

  private static String suffix(Path file, String base) {
    return file.getFileName().toString().substring(base.length());
  }

  private static String hash(Path file) {
    return LibraryFixture.sha256(LibraryFixture.read(file));
  }
}
