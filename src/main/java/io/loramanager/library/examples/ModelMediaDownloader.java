package io.loramanager.library.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.FileErrorReason;
import io.loramanager.errors.LmException;
import io.loramanager.outbound.UpstreamHttpError;
import io.loramanager.outbound.UrlFetcher;
import io.loramanager.settings.LmConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Downloads one model's {@code civitai.images} into its folder as {@code image_<i><ext>}, a few at
 * a time ({@code lm.examples.concurrency}). The extension comes from the file's first bytes; a body
 * that is neither a supported image nor a video is refused and nothing is kept.
 */
@ApplicationScoped
public class ModelMediaDownloader {

  private final UrlFetcher fetcher;
  private final LmConfig config;
  private final ExecutorService pool;

  @Inject
  public ModelMediaDownloader(UrlFetcher fetcher, LmConfig config) {
    this.fetcher = fetcher;
    this.config = config;
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, config.examples().concurrency()),
            task -> {
              Thread thread = new Thread(task, "example-image-fetch");
              thread.setDaemon(true);
              return thread;
            });
  }

  @PreDestroy
  void shutdown() {
    pool.shutdownNow();
  }

  /** What became of one model's images. */
  public record Outcome(
      int attempted,
      int written,
      List<Integer> notFound,
      boolean rateLimited,
      List<String> failures) {

    boolean clean() {
      return notFound.isEmpty() && !rateLimited && failures.isEmpty();
    }
  }

  private record ImageResult(int index, Kind kind, String failure) {}

  private enum Kind {
    WRITTEN,
    NOT_FOUND,
    RATE_LIMITED,
    FAILED
  }

  /** Fetches every image of {@code images} not on disk yet; never throws for one image. */
  public Outcome download(Path folder, JsonNode images, boolean optimize)
      throws InterruptedException {
    List<Future<ImageResult>> pending = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      JsonNode image = images.get(i);
      String url = image.path("url").asText("");
      if (url.isBlank() || image.path("downloadFailed").asBoolean(false) || exists(folder, i)) {
        continue;
      }
      int index = i;
      pending.add(pool.submit(() -> fetchOne(folder, index, url, optimize)));
    }
    List<Integer> notFound = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int written = 0;
    boolean rateLimited = false;
    for (Future<ImageResult> future : pending) {
      ImageResult result;
      try {
        result = future.get();
      } catch (ExecutionException e) {
        result = new ImageResult(-1, Kind.FAILED, String.valueOf(e.getCause()));
      }
      switch (result.kind()) {
        case WRITTEN -> written++;
        case NOT_FOUND -> notFound.add(result.index());
        case RATE_LIMITED -> rateLimited = true;
        case FAILED -> failures.add("image " + result.index() + ": " + result.failure());
      }
    }
    return new Outcome(pending.size(), written, notFound, rateLimited, failures);
  }

  private ImageResult fetchOne(Path folder, int index, String link, boolean optimize)
      throws InterruptedException {
    URI url;
    try {
      url = optimize ? optimised(link) : URI.create(link);
    } catch (IllegalArgumentException e) {
      return new ImageResult(index, Kind.FAILED, "invalid URL " + link);
    }
    Duration wait = config.examples().rateLimitDelay();
    for (int attempt = 0; ; attempt++) {
      try {
        return store(folder, index, url);
      } catch (UpstreamHttpError e) {
        if (e.status() == 404) {
          return new ImageResult(index, Kind.NOT_FOUND, e.getMessage());
        }
        if (e.status() != 429) {
          return new ImageResult(index, Kind.FAILED, e.getMessage());
        }
        if (attempt >= config.examples().rateLimitRetries()) {
          return new ImageResult(index, Kind.RATE_LIMITED, e.getMessage());
        }
        Thread.sleep(e.retryAfter().orElse(wait).toMillis() << attempt);
      } catch (LmException e) {
        return new ImageResult(index, Kind.FAILED, e.getMessage());
      } catch (IOException e) {
        return new ImageResult(index, Kind.FAILED, FileErrorReason.of(e));
      }
    }
  }

  /**
   * Streams one image into the hidden {@code .image_<i>.part} (a fixed name, so a half-written file
   * is always recognisable and removed on failure) and renames it once its bytes are recognised.
   */
  private ImageResult store(Path folder, int index, URI url) throws IOException {
    Path part = folder.resolve(".image_" + index + ".part");
    fetcher.fetchToFile(
        url,
        part,
        config.examples().maxImageBytes().asLongValue(),
        config.examples().imageTimeout());
    boolean kept = false;
    try {
      Optional<String> extension = MediaKinds.sniff(head(part));
      if (extension.isEmpty()) {
        return new ImageResult(index, Kind.FAILED, url + " is not an image or video");
      }
      Path target = folder.resolve("image_" + index + extension.get());
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new IOException("Cannot write " + target + ": " + FileErrorReason.of(e), e);
      }
      kept = true;
      return new ImageResult(index, Kind.WRITTEN, null);
    } finally {
      if (!kept) {
        Files.deleteIfExists(part);
      }
    }
  }

  private static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(MediaKinds.HEAD_BYTES);
    }
  }

  /** True when {@code image_<i>} exists with any extension (a former run kept it). */
  private static boolean exists(Path folder, int index) {
    String prefix = "image_" + index + ".";
    try (var files = Files.list(folder)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
    } catch (IOException e) {
      return false;
    }
  }

  /** Civitai serves a smaller optimised rendition when asked; other hosts are left alone. */
  static URI optimised(String url) {
    URI uri = URI.create(url);
    String host = uri.getHost() == null ? "" : uri.getHost();
    if ((host.equals("civitai.com") || host.endsWith(".civitai.com"))
        && url.contains("/original=true")) {
      return URI.create(url.replace("/original=true", "/optimized=true"));
    }
    return uri;
  }
}
