package io.loramanager.outbound;

import io.loramanager.errors.FileErrorReason;
import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches small resources (preview images, images to analyse) into memory, anonymously. Redirects
 * are followed by hand so that every hop passes the {@link OutboundPolicy}; the body is read up to
 * a limit, never further.
 */
@ApplicationScoped
public class UrlFetcher {

  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final String USER_AGENT = "LoRA-Manager-Server/1.0";

  private final OutboundPolicy policy;
  private final HttpClient client;

  @Inject
  public UrlFetcher(OutboundPolicy policy) {
    this.policy = policy;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * GETs {@code url} and returns its body. 400 for a URL the policy refuses (on any hop), 413 when
   * the body is larger than {@code maxBytes}, 502 for an HTTP error or a network failure.
   */
  public FetchedBody fetch(URI url, long maxBytes, Duration timeout) {
    HttpResponse<InputStream> response = follow(url, timeout);
    URI current = response.uri();
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      close(response);
      throw LmException.upstream("Fetching " + current + " failed with HTTP " + status);
    }
    return new FetchedBody(
        readLimited(response, current, maxBytes),
        response.headers().firstValue("Content-Type"),
        current);
  }

  /**
   * GETs {@code url} straight into {@code target} — the caller's own temporary file, named by it so
   * that it knows where the bytes go (truncated first; deleted again on any failure, so a failure
   * leaves nothing behind). The caller renames it once it has checked the content. Same policy and
   * errors as {@link #fetch}; an HTTP error status is an {@link UpstreamHttpError}; a file system
   * failure (folder missing, disk full) is an {@link IOException} naming the file and the reason.
   */
  public FetchedFile fetchToFile(URI url, Path target, long maxBytes, Duration timeout)
      throws IOException {
    HttpResponse<InputStream> response = follow(url, timeout);
    URI current = response.uri();
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      close(response);
      throw new UpstreamHttpError(
          "Fetching " + current + " failed with HTTP " + status, status, retryAfter(response));
    }
    long size = streamLimited(response, current, target, maxBytes);
    return new FetchedFile(target, size, response.headers().firstValue("Content-Type"), current);
  }

  /** The first answer that is not a redirect; every hop passes the policy first. */
  private HttpResponse<InputStream> follow(URI url, Duration timeout) {
    URI current = policy.requireReachable(url);
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpResponse<InputStream> response = send(current, timeout);
      int status = response.statusCode();
      if (!REDIRECTS.contains(status)) {
        return response;
      }
      String location = response.headers().firstValue("Location").orElse(null);
      close(response);
      if (location == null) {
        throw LmException.upstream(current.getHost() + " answered " + status + " without Location");
      }
      current = policy.requireReachable(current.resolve(location));
    }
    throw LmException.upstream("Too many redirects fetching " + url);
  }

  private static long streamLimited(
      HttpResponse<InputStream> response, URI url, Path target, long maxBytes) throws IOException {
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > maxBytes) {
      close(response);
      throw tooLarge(url, maxBytes);
    }
    boolean done = false;
    try (InputStream body = response.body()) {
      try (OutputStream out = Files.newOutputStream(target)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = readBody(body, buffer, url)) != -1) {
          total += read;
          if (total > maxBytes) {
            throw tooLarge(url, maxBytes);
          }
          out.write(buffer, 0, read);
        }
        out.flush();
        done = true;
        return total;
      } catch (IOException e) {
        throw new IOException("Cannot write " + target + ": " + FileErrorReason.of(e), e);
      }
    } finally {
      if (!done) {
        Files.deleteIfExists(target);
      }
    }
  }

  /** Network failures while reading are upstream errors; write failures stay IOExceptions. */
  private static int readBody(InputStream body, byte[] buffer, URI url) {
    try {
      return body.read(buffer);
    } catch (IOException e) {
      throw LmException.upstream("Reading " + url + " failed: " + reason(e));
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<InputStream> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(header.get().strip())));
    } catch (NumberFormatException e) {
      // An HTTP date: not worth parsing, the caller's default delay applies.
      return Optional.empty();
    }
  }

  private HttpResponse<InputStream> send(URI url, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", USER_AGENT).GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw LmException.upstream(
          "Fetching " + url + " timed out after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw LmException.upstream("Fetching " + url + " failed: " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LmException.upstream("Fetching " + url + " was interrupted");
    }
  }

  private static byte[] readLimited(HttpResponse<InputStream> response, URI url, long maxBytes) {
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > maxBytes) {
      close(response);
      throw tooLarge(url, maxBytes);
    }
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(url, maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw LmException.upstream("Reading " + url + " failed: " + reason(e));
    }
  }

  private static LmException tooLarge(URI url, long maxBytes) {
    return LmException.tooLarge(url + " is larger than the limit of " + maxBytes + " bytes");
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // Nothing to salvage from a response we are discarding.
    }
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
