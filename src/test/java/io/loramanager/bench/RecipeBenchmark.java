package io.loramanager.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.media.ImageDimensions;
import io.loramanager.recipe.FtsQuery;
import io.loramanager.recipe.LibraryLinks;
import io.loramanager.recipe.RecipeLookup;
import io.loramanager.recipe.RecipeOpenStats;
import io.loramanager.recipe.RecipeQuery;
import io.loramanager.recipe.RecipeQueryService;
import io.loramanager.recipe.RecipeReader;
import io.loramanager.recipe.RecipeViews;
import io.loramanager.recipe.image.ImageTextReader;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeFiles;
import io.loramanager.recipe.store.RecipeFolder;
import io.loramanager.recipe.store.RecipeJson;
import io.loramanager.recipe.store.RecipeSync;
import io.loramanager.recipe.store.RecipeTable;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.Database;
import io.loramanager.storage.JsonFiles;
import io.loramanager.testsupport.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recipe book with 20,000 recipes on disk and in SQLite (issue 6 targets): a restart with the
 * cache ready ({@link RecipeSync#sync} into a fresh catalogue: walk and stat every file, load and
 * parse every row), a full-text search (FTS5 query, filter, page of 20 with read-time views) and a
 * plain list page of 20 by date with views.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecipeBenchmark {

  private static final String[] WORDS = {
    "fox", "lake", "city", "neon", "forest", "portrait", "castle", "river", "snow", "desert",
    "robot", "garden", "ocean", "mountain", "street", "night", "sunset", "dragon", "flower", "rain"
  };

  /** The first bytes of a 480 x 720 extended WebP: enough for the list's preview size. */
  private static final byte[] WEBP_HEADER =
      java.util.HexFormat.of()
          .parseHex("524946461600000057454250565038580a00000000000000df0100cf0200");

  @Param("20000")
  public int recipes;

  private Path dir;
  private AgroalDataSource dataSource;
  private RecipeSync sync;
  private RecipeCatalog catalog;
  private RecipeQueryService queries;
  private RecipeViews views;
  private RecipeReader reader;
  private RecipeTable table;
  private RecipeJson recipeJson;
  private RecipeFiles files;
  private RecipeFolder folder;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("lm-recipe-bench");
    Path models = dir.resolve("models");
    Path recipesDir = models.resolve("loras/recipes");
    Files.createDirectories(recipesDir);
    writeRecipes(recipesDir, recipes, new Random(42));
    TestConfig config = TestConfig.of(dir.resolve("data"), models);
    Files.createDirectories(config.dataDir());
    dataSource =
        AgroalDataSource.from(
            new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(
                    pool ->
                        pool.maxSize(4)
                            .connectionFactoryConfiguration(
                                factory ->
                                    factory
                                        .jdbcUrl(
                                            "jdbc:sqlite:"
                                                + config.dataDir().resolve("lora-manager.db"))
                                        .connectionProviderClass(org.sqlite.JDBC.class))));
    Database database = new Database(dataSource, config.dataDir());
    JsonFiles jsonFiles = new JsonFiles(new ObjectMapper());
    recipeJson = new RecipeJson(jsonFiles);
    files = new RecipeFiles(jsonFiles, recipeJson, new ImageTextReader());
    table = new RecipeTable(database, recipeJson);
    SettingsStore settings = config.settings();
    folder = new RecipeFolder(config, settings, new LibraryRoots(config, settings));
    catalog = new RecipeCatalog();
    sync = new RecipeSync(folder, files, table, recipeJson, catalog);
    RecipeSync.Report first = sync.sync();
    if (first.total() != recipes) {
      throw new IllegalStateException("expected " + recipes + " recipes, synced " + first);
    }
    RecipeLookup lookup = new RecipeLookup(catalog);
    queries =
        new RecipeQueryService(
            catalog,
            table,
            new LibrarySettings(settings),
            new RecipeOpenStats(config, jsonFiles, java.time.Clock.systemUTC(), lookup));
    views = new RecipeViews(new LibraryLinks(new ModelCatalog()));
    reader = new RecipeReader(catalog, lookup, queries, views, new ImageDimensions());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    dataSource.close();
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A restart with the cache ready: a new catalogue synced from SQLite plus a stat per file. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public RecipeSync.Report restartWithReadyCache() {
    RecipeSync.Report report =
        new RecipeSync(folder, files, table, recipeJson, new RecipeCatalog()).sync();
    if (report.reused() != recipes) {
      throw new IllegalStateException("cache not reused: " + report);
    }
    return report;
  }

  /** {@code GET /api/lm/recipes?search=fox neon} (all fields), page 1 of 20, with views. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<ObjectNode> searchPage() {
    return page(query("fox neon", "date"));
  }

  /** {@code GET /api/lm/recipes} page 1 of 20 by date, with views. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<ObjectNode> listPage() {
    return page(query(null, "date"));
  }

  /** The page as the list endpoint builds it, preview sizes included. */
  private List<ObjectNode> page(RecipeQuery query) {
    return reader.list(query).items();
  }

  private static RecipeQuery query(String search, String sort) {
    return new RecipeQuery(
        1,
        20,
        sort,
        search,
        EnumSet.allOf(FtsQuery.Field.class),
        null,
        true,
        List.of(),
        false,
        List.of(),
        List.of(),
        null,
        null);
  }

  /** Recipe files shaped like real ones: 1–4 LoRAs, a prompt of 12 words, a few tags. */
  static void writeRecipes(Path dir, int count, Random random) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < count; i++) {
      String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
      Path sub = i % 4 == 0 ? dir.resolve("folder" + (i % 16)) : dir;
      ObjectNode recipe = mapper.createObjectNode();
      recipe.put("id", id);
      recipe.put("file_path", sub.resolve(id + ".webp").toString());
      recipe.put("title", words(random, 3));
      recipe.put("modified", 1700000000.0 + i);
      recipe.put("created_date", 1700000000.0 + i);
      recipe.put("base_model", i % 3 == 0 ? "Illustrious" : "SDXL 1.0");
      ArrayNode loras = recipe.putArray("loras");
      for (int l = 0; l < 1 + random.nextInt(4); l++) {
        ObjectNode lora = loras.addObject();
        lora.put("file_name", WORDS[random.nextInt(WORDS.length)] + "_style_" + l);
        lora.put("hash", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
        lora.put("strength", 0.5 + random.nextInt(5) / 10.0);
        lora.put("modelVersionId", random.nextInt(1_000_000));
        lora.put("modelName", words(random, 2));
        lora.put("modelVersionName", "v1");
        lora.put("isDeleted", false);
        lora.put("exclude", false);
      }
      ObjectNode params = recipe.putObject("gen_params");
      params.put("prompt", words(random, 12));
      params.put("negative_prompt", "blurry, lowres");
      params.put("steps", 30);
      params.put("cfg_scale", 7.0);
      params.put("seed", random.nextInt());
      recipe.put("fingerprint", "");
      recipe.put("has_workflow", false);
      recipe.putArray("tags").add(WORDS[random.nextInt(WORDS.length)]);
      Files.createDirectories(sub);
      Files.write(sub.resolve(id + ".recipe.json"), mapper.writeValueAsBytes(recipe));
      Files.write(sub.resolve(id + ".webp"), WEBP_HEADER);
    }
  }

  private static String words(Random random, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return out.toString();
  }

  /**
   * The same three operations timed by the CPU time of the calling thread (median of many calls),
   * for machines too loaded for wall-clock figures: {@code java -cp ... RecipeBenchmark}.
   */
  public static void main(String[] args) throws Exception {
    RecipeBenchmark bench = new RecipeBenchmark();
    bench.recipes = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    bench.setUp();
    try {
      java.lang.management.ThreadMXBean cpu =
          java.lang.management.ManagementFactory.getThreadMXBean();
      report("restartWithReadyCache", cpu, 7, bench::restartWithReadyCache);
      report("searchPage", cpu, 300, bench::searchPage);
      report("listPage", cpu, 300, bench::listPage);
    } finally {
      bench.tearDown();
    }
  }

  private static void report(
      String name,
      java.lang.management.ThreadMXBean cpu,
      int runs,
      java.util.function.Supplier<?> op) {
    for (int i = 0; i < Math.max(3, runs / 5); i++) {
      op.get();
    }
    long[] cpuNanos = new long[runs];
    long[] wallNanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long c = cpu.getCurrentThreadCpuTime();
      long w = System.nanoTime();
      op.get();
      cpuNanos[i] = cpu.getCurrentThreadCpuTime() - c;
      wallNanos[i] = System.nanoTime() - w;
    }
    java.util.Arrays.sort(cpuNanos);
    java.util.Arrays.sort(wallNanos);
    System.out.printf(
        "RESULT recipes.%s.cpu_median_ms=%.3f wall_median_ms=%.3f cpu_p90_ms=%.3f runs=%d%n",
        name,
        cpuNanos[runs / 2] / 1e6,
        wallNanos[runs / 2] / 1e6,
        cpuNanos[runs * 9 / 10] / 1e6,
        runs);
  }
}
