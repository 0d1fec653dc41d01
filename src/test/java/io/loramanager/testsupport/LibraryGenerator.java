package io.loramanager.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.CorruptSidecarException;
import io.loramanager.library.EntryFactory;
import io.loramanager.library.FileStamp;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelMetadata;
import io.loramanager.library.ModelType;
import io.loramanager.storage.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Writes a large, realistic model library, the same for the same seed: models spread over {@code
 * <dir>/loras}, {@code <dir>/checkpoints} and {@code <dir>/embeddings} in nested folders, each with
 * a reference-format {@code NAME.metadata.json} (Civitai payload, tags, trigger words, creator,
 * license, example images), some with a preview. Model files are tiny but valid safetensors (or
 * {@code .pt}/{@code .ckpt}/{@code .gguf} stubs); the sidecar's {@code sha256} is the real hash of
 * the content and every location field matches the disk, so a scan reads each sidecar and rewrites
 * none.
 *
 * <p>Several consecutive models may be versions of one Civitai model (same {@code modelId}, name,
 * folder and creator). Every choice comes from a SplitMix64 stream keyed by (seed, index), so
 * models can be written in parallel and still come out identical.
 *
 * <p>Run as {@code LibraryGenerator DIR COUNT SEED [LORAS:CHECKPOINTS:EMBEDDINGS]} (default mix
 * {@code 8:1:1}).
 */
public final class LibraryGenerator {

  /** Relative weights of the three model types. */
  public record Mix(int loras, int checkpoints, int embeddings) {
    public static final Mix DEFAULT = new Mix(8, 1, 1);
    public static final Mix LORAS_ONLY = new Mix(1, 0, 0);

    public Mix {
      if (loras < 0 || checkpoints < 0 || embeddings < 0 || loras + checkpoints + embeddings == 0) {
        throw new IllegalArgumentException("weights must be >= 0 and not all 0");
      }
    }

    /** Parses {@code 8:1:1}. */
    public static Mix parse(String text) {
      String[] parts = text.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException("mix must be LORAS:CHECKPOINTS:EMBEDDINGS, e.g. 8:1:1");
      }
      return new Mix(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    int total() {
      return loras + checkpoints + embeddings;
    }
  }

  /**
   * What {@link #write} put on disk.
   *
   * @param lorasListed LoRAs not marked {@code exclude}: the {@code total} of the LoRA list
   */
  public record Summary(
      int loras,
      int checkpoints,
      int embeddings,
      int lorasListed,
      int previews,
      int files,
      long bytes) {
    public int models() {
      return loras + checkpoints + embeddings;
    }
  }

  /**
   * One generated model, not yet written.
   *
   * @param relativePath the model file relative to the models dir, with forward slashes
   * @param folder the folder relative to the type's root ("" at the root)
   * @param previewSuffix e.g. {@code .webp}, or null when the model has no preview
   */
  public record GeneratedModel(
      ModelType type,
      String relativePath,
      String folder,
      byte[] content,
      ObjectNode sidecar,
      String previewSuffix) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFiles JSON = new JsonFiles(MAPPER);
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PREVIEW_PNG =
      HEX.parseHex(
          "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
              + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");
  private static final byte[] PREVIEW_WEBP =
      java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
  private static final byte[] PREVIEW_MP4 =
      HEX.parseHex("000000186674797069736f6d0000020069736f6d69736f32");

  private static final String[] ADJECTIVES =
      words(
          "Neon|Ancient|Cozy|Ethereal|Gothic|Vivid|Dreamy|Retro|Cinematic|Soft|Dark|"
              + "Golden|Frozen|Crimson|Pastel|Mystic|Urban|Wild|Silent|Cosmic|Rustic|Elegant|"
              + "Glossy|Hazy|Lunar|Solar|Velvet|Iron|Paper|Glass|Detailed|Minimal|Epic|Tiny|"
              + "Giant|Classic|Futuristic|Painted");
  private static final String[] NOUNS =
      words(
          "Cyberpunk|Samurai|Witch|Knight|Forest|City|Portrait|Dragon|Robot|Kimono|Armor|"
              + "Castle|Garden|Ocean|Desert|Warrior|Princess|Mecha|Vampire|Elf|Pirate|Cafe|"
              + "Library|Train|Motorcycle|Sneakers|Jacket|Dress|Hairstyle|Tattoo|Lighting|"
              + "Watercolor|Ink|Pixel|Clay|Comic|Manga|Photograph|Sculpture|Landscape|Sunset|"
              + "Storm|Nebula|Fox|Cat");
  private static final String[] STYLES =
      words(
          "Style|Concept|Character|Outfit|Pose|Background|Detailer|Slider|Helper|Effect|"
              + "LoRA|Art");
  private static final String[] TAGS =
      words(
          "character|style|concept|clothing|poses|background|objects|anime|realistic|"
              + "photorealistic|woman|man|girl|boy|landscape|architecture|fantasy|sci-fi|"
              + "cyberpunk|steampunk|horror|cute|chibi|portrait|celebrity|vehicle|car|animal|"
              + "cat|dog|dragon|monster|robot|mecha|armor|weapon|food|flower|nature|city|"
              + "interior|lighting|color|tool|detail|enhancer|slider|3d|2d|painting|watercolor|"
              + "oil painting|sketch|lineart|pixel art|comic|manga|video game|game character|"
              + "movie|tv|cartoon|disney|pokemon|genshin impact|hololive|vtuber|historical|"
              + "medieval|japanese|chinese|korean|western|gothic|lolita|kimono|uniform|"
              + "swimsuit|dress|hair|eyes|hands|faces|body|tattoo|makeup|jewelry|hat|shoes|bag|"
              + "sword|gun|magic|fire|water|ice|lightning|space|ocean|forest|desert|mountain|"
              + "snow|rain|night|sunset|neon|retro|vintage|futuristic|minimalist|abstract|"
              + "surreal|dark|bright|pastel|monochrome|black and white|sepia|hdr|cinematic|"
              + "film|polaroid|analog|photography|macro|bokeh|wide angle|aerial|underwater|"
              + "isometric|low poly|clay|plastic|metal|glass|paper|fabric|wood|stone");
  private static final String[] TRIGGER_WORDS =
      words(
          "masterpiece|best quality|detailed|glowing|aesthetic|vibrant colors|"
              + "dramatic lighting|soft focus|film grain|high contrast|intricate|ornate");
  private static final String[] SYLLABLES =
      words(
          "ka|ri|mo|zen|lu|na|tek|vo|shi|ra|dan|pix|el|or|ion|qu|za|mi|ko|ber|lin|tor|" + "vex|ly");
  private static final String[] LORA_BASES =
      words(
          "SD 1.5|SDXL 1.0|Pony|Illustrious|Flux.1 D|NoobAI|Wan Video 14B t2v|"
              + "Wan Video 14B i2v 480p|SD 3.5|Flux.1 S");
  private static final int[] LORA_BASE_WEIGHTS = {14, 22, 18, 20, 12, 5, 3, 3, 2, 1};
  private static final String[] CHECKPOINT_BASES =
      words("SD 1.5|SDXL 1.0|Pony|Illustrious|Flux.1 D|SD 3.5");
  private static final String[] EMBEDDING_BASES = words("SD 1.5|SDXL 1.0|Pony|Illustrious");
  private static final String[] CATEGORIES =
      words("characters|styles|concepts|clothing|poses|backgrounds|objects|vehicles");
  private static final String[] SUBCATEGORIES = words("anime|realistic|western|misc|2024|2025");
  private static final String[] SAMPLERS = words("Euler a|DPM++ 2M Karras|DPM++ SDE|Euler");
  private static final String[] LORA_KINDS = words("LORA|LORA|LORA|LORA|LoCon|DoRA");
  private static final String[] COMMERCIAL = words("Image|RentCivit|Rent|Sell");
  private static final long EPOCH = 1_650_000_000L;

  private static String[] words(String list) {
    return list.split("\\|");
  }

  private final Path modelsDir;
  private final String modelsPrefix;
  private final long seed;
  private final Mix mix;

  public LibraryGenerator(Path modelsDir, long seed, Mix mix) {
    this.modelsDir = modelsDir.toAbsolutePath().normalize();
    this.modelsPrefix = this.modelsDir.toString().replace('\\', '/') + "/";
    this.seed = seed;
    this.mix = mix;
  }

  public LibraryGenerator(Path modelsDir, long seed) {
    this(modelsDir, seed, Mix.DEFAULT);
  }

  public Path modelsDir() {
    return modelsDir;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3 || args.length > 4) {
      System.err.println(
          "usage: LibraryGenerator DIR COUNT SEED [LORAS:CHECKPOINTS:EMBEDDINGS (default 8:1:1)]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long seed = Long.parseLong(args[2]);
    Mix mix = args.length == 4 ? Mix.parse(args[3]) : Mix.DEFAULT;
    long start = System.nanoTime();
    Summary summary = new LibraryGenerator(dir, seed, mix).write(count);
    System.out.printf(
        Locale.ROOT,
        "generated %d models (%d loras, %d checkpoints, %d embeddings, %d previews):"
            + " %d files, %.1f MB in %.1f s under %s%n",
        summary.models(),
        summary.loras(),
        summary.checkpoints(),
        summary.embeddings(),
        summary.previews(),
        summary.files(),
        summary.bytes() / 1e6,
        (System.nanoTime() - start) / 1e9,
        dir.toAbsolutePath().normalize());
    System.out.printf(
        Locale.ROOT,
        "GENERATED models=%d loras=%d checkpoints=%d embeddings=%d loras_listed=%d%n",
        summary.models(),
        summary.loras(),
        summary.checkpoints(),
        summary.embeddings(),
        summary.lorasListed());
  }

  /**
   * Writes {@code count} models. The type roots must be absent or empty, so that the library is
   * exactly what the seed says.
   */
  public Summary write(int count) throws IOException {
    for (ModelType type : ModelType.values()) {
      Path root = modelsDir.resolve(type.prefix());
      if (Files.isDirectory(root)) {
        try (var entries = Files.list(root)) {
          if (entries.findAny().isPresent()) {
            throw new IOException(root + " is not empty; generate into a fresh folder");
          }
        }
      }
      Files.createDirectories(root);
    }
    Set<Path> madeDirs = ConcurrentHashMap.newKeySet();
    AtomicInteger[] perType = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    AtomicInteger lorasListed = new AtomicInteger();
    AtomicInteger previews = new AtomicInteger();
    AtomicInteger files = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    try {
      IntStream.range(0, count)
          .parallel()
          .forEach(
              i -> {
                GeneratedModel model = model(i);
                Path file = modelsDir.resolve(model.relativePath());
                try {
                  Path parent = file.getParent();
                  if (!madeDirs.contains(parent)) {
                    Files.createDirectories(parent);
                    madeDirs.add(parent);
                  }
                  Files.write(file, model.content());
                  byte[] sidecar = JSON.toBytes(model.sidecar());
                  Files.write(sidecarOf(file), sidecar);
                  long written = model.content().length + sidecar.length;
                  int made = 2;
                  if (model.previewSuffix() != null) {
                    byte[] preview = previewBytes(model.previewSuffix());
                    Files.write(sibling(file, model.previewSuffix()), preview);
                    written += preview.length;
                    made++;
                    previews.incrementAndGet();
                  }
                  perType[model.type().ordinal()].incrementAndGet();
                  if (model.type() == ModelType.LORA
                      && !model.sidecar().get("exclude").asBoolean()) {
                    lorasListed.incrementAndGet();
                  }
                  files.addAndGet(made);
                  bytes.addAndGet(written);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Summary(
        perType[ModelType.LORA.ordinal()].get(),
        perType[ModelType.CHECKPOINT.ordinal()].get(),
        perType[ModelType.EMBEDDING.ordinal()].get(),
        lorasListed.get(),
        previews.get(),
        files.get(),
        bytes.get());
  }

  /**
   * The catalogue entries a scan of {@link #write written} models of one type would produce, built
   * in memory from the same sidecars (no disk). File stamps are synthetic.
   */
  public List<ModelEntry> entries(ModelType type, int count) {
    List<ModelEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      GeneratedModel model = model(i);
      if (model.type() != type) {
        continue;
      }
      try {
        ModelMetadata meta = ModelMetadata.of(model.sidecar());
        long mtime = (long) (meta.doubleValue("modified", 0) * 1000);
        entries.add(
            EntryFactory.fromSidecar(
                type,
                meta,
                modelsPrefix + model.relativePath(),
                model.folder(),
                type == ModelType.CHECKPOINT ? "checkpoint" : null,
                new FileStamp(model.content().length, mtime, 2048 + (i % 4096), mtime)));
      } catch (CorruptSidecarException e) {
        throw new IllegalStateException("generated an invalid sidecar for model " + i, e);
      }
    }
    return entries;
  }

  /** Model number {@code index}: a pure function of (seed, index, models dir). */
  public GeneratedModel model(int index) {
    int family = familyStart(index);
    int version = index - family + 1;
    Rng f = new Rng(seed, family, 1);
    Rng v = new Rng(seed, index, 2);
    ModelType type = pickType(f);
    String baseModel = baseModel(type, f);
    String folder = folder(type, baseModel, f);
    String modelName = modelName(type, f);
    boolean civitai = f.chance(0.85);
    String versionName = versionName(version, v);
    String extension = extension(type, f);
    String baseName = slug(modelName) + "_" + slug(versionName) + "-" + Integer.toString(index, 36);
    String fileName = baseName + extension;
    String relativePath = type.prefix() + "/" + (folder.isEmpty() ? "" : folder + "/") + fileName;
    String filePath = modelsPrefix + relativePath;

    byte[] autov3Full = v.bytes(32);
    byte[] content = content(extension, baseName, autov3Full, v);
    String sha = sha256Hex(content);
    String autov3 = extension.equals(".safetensors") ? HEX.formatHex(autov3Full) : null;

    String previewSuffix = v.chance(0.6) ? pickPreviewSuffix(v) : null;
    String previewUrl =
        previewSuffix == null
            ? ""
            : filePath.substring(0, filePath.length() - extension.length()) + previewSuffix;

    double modified = EPOCH + v.nextInt(100_000_000) + v.nextInt(1000) / 1000.0;
    ObjectNode node = MAPPER.createObjectNode();
    node.put("file_name", baseName);
    node.put("model_name", modelName);
    node.put("file_path", filePath);
    node.put("size", content.length);
    node.put("modified", modified);
    node.put("sha256", sha);
    node.put("base_model", baseModel);
    node.put("preview_url", previewUrl);
    node.put("preview_nsfw_level", civitai ? nsfwLevel(v) : 0);
    node.put("notes", v.chance(0.05) ? "Works best at 0.7; pair with " + v.pick(NOUNS) : "");
    node.put("from_civitai", civitai);
    List<String> tags = tags(f, civitai ? 6 : 2);
    ObjectNode civ = node.putObject("civitai");
    if (civitai) {
      fillCivitai(civ, type, index, family, version, modelName, versionName, baseModel, tags);
      civ.set("files", files(fileName, content, sha, autov3Full, extension, index));
    }
    ArrayNode tagArray = node.putArray("tags");
    tags.forEach(tagArray::add);
    node.put(
        "modelDescription",
        civitai
            ? "<p>" + modelName + " for " + baseModel + ". Trained on curated images.</p>"
            : "");
    node.put("civitai_deleted", civitai && v.chance(0.01));
    node.put("favorite", v.chance(0.03));
    node.put("exclude", v.chance(0.005));
    node.put("db_checked", false);
    node.put("skip_metadata_refresh", v.chance(0.02));
    if (civitai) {
      node.put("metadata_source", "civitai_api");
      node.put("last_checked_at", modified + v.nextInt(5_000_000));
    } else {
      node.putNull("metadata_source");
      node.put("last_checked_at", 0);
    }
    node.put("hash_status", "completed");
    if (autov3 == null) {
      node.putNull("autov3");
    } else {
      node.put("autov3", autov3.substring(0, 12));
    }
    node.putArray("trainedWords");
    switch (type) {
      case LORA ->
          node.put(
              "usage_tips",
              v.chance(0.2) ? "{\"strength_min\": 0.6, \"strength_max\": 1.0}" : "{}");
      case CHECKPOINT -> node.put("sub_type", "checkpoint");
      case EMBEDDING -> node.put("sub_type", "embedding");
    }
    return new GeneratedModel(type, relativePath, folder, content, node, previewSuffix);
  }

  /** The first model of this model's version family (at most 4 versions per family). */
  private int familyStart(int index) {
    int i = index;
    while (i % 4 != 0 && !new Rng(seed, i, 0).chance(0.7)) {
      i--;
    }
    return i;
  }

  private ModelType pickType(Rng f) {
    int roll = f.nextInt(mix.total());
    if (roll < mix.loras()) {
      return ModelType.LORA;
    }
    return roll < mix.loras() + mix.checkpoints() ? ModelType.CHECKPOINT : ModelType.EMBEDDING;
  }

  private static String baseModel(ModelType type, Rng f) {
    return switch (type) {
      case LORA -> LORA_BASES[f.weighted(LORA_BASE_WEIGHTS)];
      case CHECKPOINT -> f.pick(CHECKPOINT_BASES);
      case EMBEDDING -> f.pick(EMBEDDING_BASES);
    };
  }

  private static String folder(ModelType type, String baseModel, Rng f) {
    String top = baseModel.replace(" ", "").replace(".", "");
    return switch (type) {
      case LORA -> {
        if (f.chance(0.05)) {
          yield "";
        }
        String folder = top + "/" + f.pick(CATEGORIES);
        yield f.chance(0.35) ? folder + "/" + f.pick(SUBCATEGORIES) : folder;
      }
      case CHECKPOINT -> f.chance(0.4) ? "" : top;
      case EMBEDDING -> f.chance(0.5) ? "" : f.chance(0.6) ? "negative" : "positive/" + top;
    };
  }

  private static String modelName(ModelType type, Rng f) {
    return switch (type) {
      case LORA -> f.pick(ADJECTIVES) + " " + f.pick(NOUNS) + " " + f.pick(STYLES);
      case CHECKPOINT -> f.pick(ADJECTIVES) + f.pick(NOUNS) + " Mix";
      case EMBEDDING -> (f.chance(0.5) ? "Bad" : f.pick(ADJECTIVES)) + f.pick(NOUNS) + " Embed";
    };
  }

  private static String versionName(int version, Rng v) {
    String name = "v" + version + "." + v.nextInt(3);
    if (v.chance(0.04)) {
      name += v.chance(0.5) ? " high_noise" : " i2v";
    } else if (v.chance(0.02)) {
      name += " lightning";
    }
    return name;
  }

  private static String extension(ModelType type, Rng f) {
    return switch (type) {
      case LORA -> ".safetensors";
      case CHECKPOINT -> f.chance(0.85) ? ".safetensors" : f.chance(0.6) ? ".gguf" : ".ckpt";
      case EMBEDDING -> f.chance(0.6) ? ".safetensors" : ".pt";
    };
  }

  private static int nsfwLevel(Rng v) {
    int roll = v.nextInt(100);
    return roll < 30 ? 0 : roll < 70 ? 1 : roll < 85 ? 2 : roll < 95 ? 4 : 8;
  }

  private static String pickPreviewSuffix(Rng v) {
    int roll = v.nextInt(10);
    return roll < 5 ? ".webp" : roll < 7 ? ".preview.png" : roll < 9 ? ".jpeg" : ".mp4";
  }

  private static byte[] previewBytes(String suffix) {
    return switch (suffix) {
      case ".webp" -> PREVIEW_WEBP;
      case ".mp4" -> PREVIEW_MP4;
      default -> PREVIEW_PNG;
    };
  }

  private static List<String> tags(Rng f, int max) {
    Set<String> tags = new LinkedHashSet<>();
    int count = f.nextInt(max + 1);
    for (int i = 0; i < count; i++) {
      tags.add(f.pick(TAGS));
    }
    return new ArrayList<>(tags);
  }

  private static String creator(Rng f) {
    StringBuilder name = new StringBuilder();
    int parts = 2 + f.nextInt(2);
    for (int i = 0; i < parts; i++) {
      name.append(f.pick(SYLLABLES));
    }
    if (f.chance(0.4)) {
      name.append(f.nextInt(100));
    }
    return name.toString();
  }

  private void fillCivitai(
      ObjectNode civ,
      ModelType type,
      int index,
      int family,
      int version,
      String modelName,
      String versionName,
      String baseModel,
      List<String> tags) {
    Rng f = new Rng(seed, family, 3);
    Rng v = new Rng(seed, index, 4);
    long versionId = 100_000L + index * 7L + v.nextInt(7);
    long modelId = 20_000L + family * 3L;
    String created = isoDate(v);
    civ.put("id", versionId);
    civ.put("modelId", modelId);
    civ.put("name", versionName);
    civ.put("createdAt", created);
    civ.put("updatedAt", created);
    civ.put("status", "Published");
    civ.put("publishedAt", created);
    ArrayNode words = civ.putArray("trainedWords");
    int wordCount = type == ModelType.CHECKPOINT ? 0 : 1 + v.nextInt(3);
    words.add(slug(modelName).toLowerCase(Locale.ROOT));
    for (int i = 1; i < wordCount; i++) {
      words.add(v.pick(TRIGGER_WORDS));
    }
    civ.putNull("trainingStatus");
    civ.putNull("trainingDetails");
    civ.put("baseModel", baseModel);
    civ.put("baseModelType", "Standard");
    civ.putNull("earlyAccessEndsAt");
    civ.put("description", version > 1 ? "<p>Version " + version + ": retrained.</p>" : null);
    civ.put("uploadType", "Created");
    civ.put("usageControl", "Download");
    civ.put("downloadUrl", "https://civitai.com/api/download/models/" + versionId);
    ObjectNode stats = civ.putObject("stats");
    stats.put("downloadCount", v.nextInt(50_000));
    stats.put("ratingCount", 0);
    stats.put("rating", 0);
    stats.put("thumbsUpCount", v.nextInt(5_000));
    ObjectNode model = civ.putObject("model");
    model.put("name", modelName);
    model.put("type", civitaiType(type, f));
    model.put("nsfw", f.chance(0.1));
    model.put("poi", false);
    ArrayNode modelTags = model.putArray("tags");
    tags.forEach(modelTags::add);
    model.put("allowNoCredit", f.chance(0.7));
    ArrayNode commercial = model.putArray("allowCommercialUse");
    for (String use : COMMERCIAL) {
      if (f.chance(0.5)) {
        commercial.add(use);
      }
    }
    model.put("allowDerivatives", f.chance(0.9));
    model.put("allowDifferentLicense", f.chance(0.8));
    ObjectNode creator = civ.putObject("creator");
    String username = creator(f);
    creator.put("username", username);
    creator.put(
        "image",
        "https://image.civitai.com/xG1nkqKTMzGDvpLrqFT7WA/" + username + "/width=96/avatar.jpeg");
    ArrayNode images = civ.putArray("images");
    int imageCount = 1 + v.nextInt(4);
    for (int i = 0; i < imageCount; i++) {
      images.add(image(v, modelName, i));
    }
  }

  private static String civitaiType(ModelType type, Rng f) {
    return switch (type) {
      case LORA -> f.pick(LORA_KINDS);
      case CHECKPOINT -> "Checkpoint";
      case EMBEDDING -> "TextualInversion";
    };
  }

  private static ObjectNode image(Rng v, String modelName, int n) {
    ObjectNode image = MAPPER.createObjectNode();
    String uuid = HEX.formatHex(v.bytes(16));
    boolean portrait = v.chance(0.7);
    int width = portrait ? 832 : 1216;
    int height = portrait ? 1216 : 832;
    image.put(
        "url",
        "https://image.civitai.com/xG1nkqKTMzGDvpLrqFT7WA/"
            + uuid
            + "/width="
            + width
            + "/"
            + (1_000_000 + v.nextInt(9_000_000))
            + ".jpeg");
    image.put("nsfwLevel", nsfwLevel(v));
    image.put("width", width);
    image.put("height", height);
    image.put("hash", "U" + HEX.formatHex(v.bytes(13)).substring(0, 25));
    image.put("type", "image");
    image.put("hasMeta", true);
    image.put("hasPositivePrompt", true);
    ObjectNode meta = image.putObject("meta");
    meta.put(
        "prompt",
        "masterpiece, best quality, "
            + modelName.toLowerCase(Locale.ROOT)
            + ", "
            + v.pick(TAGS)
            + ", "
            + v.pick(TAGS)
            + ", "
            + v.pick(TRIGGER_WORDS));
    meta.put("negativePrompt", "lowres, bad anatomy, bad hands, worst quality, watermark");
    meta.put("steps", 20 + v.nextInt(20));
    meta.put("sampler", v.pick(SAMPLERS));
    meta.put("cfgScale", 3 + v.nextInt(6));
    meta.put("seed", v.nextLong() & 0xffffffffL);
    meta.put("Size", width + "x" + height);
    meta.put("clipSkip", 1 + v.nextInt(2));
    return image;
  }

  private static ArrayNode files(
      String fileName, byte[] content, String sha, byte[] autov3Full, String extension, int index) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(content);
    String crc32 = HEX.withUpperCase().toHexDigits((int) crc.getValue());
    int size = content.length;
    ArrayNode files = MAPPER.createArrayNode();
    ObjectNode file = files.addObject();
    file.put("id", 500_000L + index);
    file.put("sizeKB", size / 1024.0);
    file.put("name", fileName);
    file.put("type", "Model");
    file.put("pickleScanResult", "Success");
    file.put("virusScanResult", "Success");
    ObjectNode metadata = file.putObject("metadata");
    metadata.put("format", extension.equals(".safetensors") ? "SafeTensor" : "PickleTensor");
    metadata.put("size", "full");
    metadata.put("fp", "fp16");
    ObjectNode hashes = file.putObject("hashes");
    String upper = sha.toUpperCase(Locale.ROOT);
    hashes.put("AutoV2", upper.substring(0, 10));
    hashes.put("SHA256", upper);
    hashes.put("CRC32", crc32);
    if (extension.equals(".safetensors")) {
      hashes.put("AutoV3", HEX.formatHex(autov3Full).toUpperCase(Locale.ROOT));
    }
    file.put("primary", true);
    file.put("downloadUrl", "https://civitai.com/api/download/models/" + (100_000L + index));
    return files;
  }

  /**
   * A valid safetensors file (8-byte header length, JSON header with {@code __metadata__}, one
   * small F16 tensor), or a small opaque stub for other extensions.
   */
  private static byte[] content(String extension, String baseName, byte[] autov3, Rng v) {
    int payload = 32 + 2 * v.nextInt(48);
    byte[] data = v.bytes(payload);
    if (!extension.equals(".safetensors")) {
      byte[] magic =
          (extension.equals(".gguf") ? "GGUF" : "PK\u0003\u0004").getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[magic.length + data.length];
      System.arraycopy(magic, 0, out, 0, magic.length);
      System.arraycopy(data, 0, out, magic.length, data.length);
      return out;
    }
    String header =
        "{\"__metadata__\":{\"ss_output_name\":\""
            + baseName
            + "\",\"sshs_model_hash\":\""
            + HEX.formatHex(autov3)
            + "\"},\"lora_unet_down.weight\":{\"dtype\":\"F16\",\"shape\":["
            + payload / 2
            + "],\"data_offsets\":[0,"
            + payload
            + "]}}";
    byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
    int padded = (headerBytes.length + 7) / 8 * 8;
    ByteBuffer buffer = ByteBuffer.allocate(8 + padded + payload).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(padded);
    buffer.put(headerBytes);
    for (int i = headerBytes.length; i < padded; i++) {
      buffer.put((byte) ' ');
    }
    buffer.put(data);
    return buffer.array();
  }

  private static String isoDate(Rng v) {
    return (2023 + v.nextInt(3))
        + "-"
        + twoDigits(1 + v.nextInt(12))
        + "-"
        + twoDigits(1 + v.nextInt(28))
        + "T"
        + twoDigits(v.nextInt(24))
        + ":"
        + twoDigits(v.nextInt(60))
        + ":"
        + twoDigits(v.nextInt(60))
        + "."
        + (100 + v.nextInt(900))
        + "Z";
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  private static String slug(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    return out.toString();
  }

  private static Path sidecarOf(Path model) {
    return sibling(model, ".metadata.json");
  }

  private static Path sibling(Path model, String suffix) {
    String name = model.getFileName().toString();
    return model.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
  }

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  static String sha256Hex(byte[] content) {
    return HEX.formatHex(SHA256.get().digest(content));
  }

  /**
   * SplitMix64 keyed by (seed, index, stream): the same numbers on every JDK, and any model's
   * stream can be made without generating the ones before it.
   */
  static final class Rng {
    private long state;

    Rng(long seed, long index, long stream) {
      state = mix(mix(seed ^ 0x9E3779B97F4A7C15L) + index * 0xD1B54A32D192ED03L + stream);
    }

    long nextLong() {
      state += 0x9E3779B97F4A7C15L;
      return mix(state);
    }

    int nextInt(int bound) {
      return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    boolean chance(double probability) {
      return (nextLong() >>> 11) * 0x1.0p-53 < probability;
    }

    <T> T pick(T[] values) {
      return values[nextInt(values.length)];
    }

    int weighted(int[] weights) {
      int total = 0;
      for (int w : weights) {
        total += w;
      }
      int roll = nextInt(total);
      for (int i = 0; i < weights.length; i++) {
        roll -= weights[i];
        if (roll < 0) {
          return i;
        }
      }
      return weights.length - 1;
    }

    byte[] bytes(int count) {
      byte[] out = new byte[count];
      for (int i = 0; i < count; i += 8) {
        long value = nextLong();
        for (int b = 0; b < 8 && i + b < count; b++) {
          out[i + b] = (byte) (value >>> (8 * b));
        }
      }
      return out;
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
