package io.loramanager.testsupport;

import io.loramanager.library.CivitaiRef;
import io.loramanager.library.FileStamp;
import io.loramanager.library.ModelEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Builds {@link ModelEntry} records for query tests: a fluent builder with reference defaults, and
 * jqwik arbitraries for generated catalogues (small value pools, so ties and groups occur).
 */
public final class Entries {

  /** The license flags of a model with no license fields (anchor-library §1.5). */
  public static final int DEFAULT_LICENSE = 113;

  private Entries() {}

  /**
   * An entry at {@code /lib/<relative>.safetensors}: {@code relative} is {@code folder/name}, the
   * name becomes file name and model name, the SHA-256 is derived from the path.
   */
  public static Builder entry(String relative) {
    return new Builder(relative);
  }

  /** A 64-hex SHA-256 that is a function of the text (distinct texts, distinct hashes). */
  public static String shaOf(String text) {
    return LibraryFixture.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fluent, mutable builder; {@link #build()} may be called more than once. */
  public static final class Builder {
    private String filePath;
    private String fileName;
    private String modelName;
    private String folder;
    private long size;
    private double modified;
    private String sha256;
    private String autov3;
    private String baseModel = "SD 1.5";
    private String previewUrl = "";
    private int previewNsfwLevel;
    private boolean fromCivitai = true;
    private boolean favorite;
    private boolean exclude;
    private String hashStatus = "completed";
    private String hfUrl = "";
    private String subType;
    private List<String> tags = List.of();
    private CivitaiRef civitai;
    private int licenseFlags = DEFAULT_LICENSE;

    private Builder(String relative) {
      int slash = relative.lastIndexOf('/');
      this.folder = slash < 0 ? "" : relative.substring(0, slash);
      this.fileName = relative.substring(slash + 1);
      this.modelName = fileName;
      this.filePath = "/lib/" + relative + ".safetensors";
      this.sha256 = shaOf(filePath);
    }

    public Builder filePath(String value) {
      filePath = value;
      return this;
    }

    public Builder fileName(String value) {
      fileName = value;
      return this;
    }

    public Builder modelName(String value) {
      modelName = value;
      return this;
    }

    public Builder folder(String value) {
      folder = value;
      return this;
    }

    public Builder size(long value) {
      size = value;
      return this;
    }

    public Builder modified(double value) {
      modified = value;
      return this;
    }

    public Builder sha256(String value) {
      sha256 = value;
      return this;
    }

    public Builder autov3(String value) {
      autov3 = value;
      return this;
    }

    public Builder baseModel(String value) {
      baseModel = value;
      return this;
    }

    public Builder previewNsfwLevel(int value) {
      previewNsfwLevel = value;
      return this;
    }

    public Builder favorite(boolean value) {
      favorite = value;
      return this;
    }

    public Builder exclude(boolean value) {
      exclude = value;
      return this;
    }

    public Builder hfUrl(String value) {
      hfUrl = value;
      return this;
    }

    public Builder subType(String value) {
      subType = value;
      return this;
    }

    public Builder tags(String... values) {
      tags = List.of(values);
      return this;
    }

    public Builder tags(List<String> values) {
      tags = values;
      return this;
    }

    public Builder civitai(CivitaiRef value) {
      civitai = value;
      return this;
    }

    /** A slim Civitai reference with only what grouping and search read. */
    public Builder civitai(Long versionId, Long modelId, String versionName, String creator) {
      civitai = new CivitaiRef(versionId, modelId, versionName, creator, List.of(), null);
      return this;
    }

    public Builder licenseFlags(int value) {
      licenseFlags = value;
      return this;
    }

    public ModelEntry build() {
      return new ModelEntry(
          filePath,
          fileName,
          modelName,
          folder,
          size,
          modified,
          sha256,
          autov3,
          baseModel,
          previewUrl,
          previewNsfwLevel,
          fromCivitai,
          favorite,
          exclude,
          false,
          false,
          false,
          "",
          "{}",
          null,
          0,
          hashStatus,
          hfUrl,
          subType,
          tags,
          civitai,
          licenseFlags,
          new FileStamp(size, 0, -1, -1));
    }
  }

  // ---- jqwik arbitraries -------------------------------------------------------------------

  private static final List<String> FOLDERS = List.of("", "a", "a/b", "A", "b", "b/c d");
  private static final List<String> NAMES =
      List.of("alpha", "Alpha", "beta v2", "beta v10", "Beta v010", "gamma", "", "_x", "9lives");
  private static final List<String> TAGS =
      List.of("style", "Style", "anime", "character", "concept", "photo");
  private static final List<String> BASES = List.of("SD 1.5", "SDXL 1.0", "Flux.1 D", "Pony");

  /** One generated entry; its path is made unique by the catalogue arbitrary. */
  public static Arbitrary<ModelEntry> entries() {
    Arbitrary<String> folder = Arbitraries.of(FOLDERS);
    Arbitrary<String> name = Arbitraries.of(NAMES);
    Arbitrary<Integer> fileNo = Arbitraries.integers().between(0, 99);
    Arbitrary<List<String>> tags = Arbitraries.of(TAGS).list().ofMaxSize(3).uniqueElements();
    Arbitrary<String> base = Arbitraries.of(BASES);
    Arbitrary<Long> size = Arbitraries.longs().between(0, 5);
    Arbitrary<Integer> modified = Arbitraries.integers().between(0, 5);
    Arbitrary<Integer> nsfw = Arbitraries.of(0, 1, 2, 4, 8, 16);
    Arbitrary<Boolean> favorite = Arbitraries.of(true, false);
    Arbitrary<Integer> license = Arbitraries.integers().between(0, 127);
    Arbitrary<CivitaiRef> civitai =
        Combinators.combine(
                Arbitraries.longs().between(1, 9),
                Arbitraries.longs().between(100, 103),
                Arbitraries.of("v1", "v2 turbo", "high noise"),
                Arbitraries.of("alice", "Bob"),
                Arbitraries.of("LORA", "LoCon", "DoRA"))
            .as(
                (id, modelId, vn, creator, type) ->
                    new CivitaiRef(id, modelId, vn, creator, null, type))
            .injectNull(0.3);
    Arbitrary<Basics> basics =
        Combinators.combine(folder, name, fileNo, tags, base, size, modified, nsfw).as(Basics::new);
    return Combinators.combine(basics, favorite, license, civitai)
        .as(
            (b, fav, lic, civ) -> {
              String file = (b.name().isEmpty() ? "m" : b.name()) + "-" + b.fileNo();
              String relative = b.folder().isEmpty() ? file : b.folder() + "/" + file;
              return entry(relative)
                  .modelName(b.name())
                  .tags(new ArrayList<>(b.tags()))
                  .baseModel(b.base())
                  .size(b.size())
                  .modified(b.modified())
                  .previewNsfwLevel(b.nsfw())
                  .favorite(fav)
                  .licenseFlags(lic)
                  .civitai(civ)
                  .build();
            });
  }

  private record Basics(
      String folder,
      String name,
      int fileNo,
      List<String> tags,
      String base,
      long size,
      int modified,
      int nsfw) {}

  /** A catalogue of 0 to {@code max} entries with distinct file paths. */
  public static Arbitrary<List<ModelEntry>> catalogue(int max) {
    return entries().list().ofMaxSize(max).uniqueElements(ModelEntry::filePath);
  }
}
