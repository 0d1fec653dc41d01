package io.loramanager.outbound;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
    URI current = policy.requireReachable(url);
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpResponse<InputStream> response = send(current, timeout);
      int status = response.statusCode();
      if (REDIRECTS.contains(status)) {
        String location = response.headers().firstValue("Location").orElse(null);
        close(response);
        if (location == null) {
          throw LmException.upstream(
              current.getHost() + " answered " + status + " without Location");
        }
        current = policy.requireReachable(current.resolve(location));
        continue;
      }
      if (status < 200 || status > 299) {
        close(response);
        throw LmException.upstream("Fetching " + current + " failed with HTTP " + status);
      }
      return new FetchedBody(
          readLimited(response, current, maxBytes),
          response.headers().firstValue("Content-Type"),
          current);
    }
    throw LmException.upstream("Too many redirects fetching " + url);
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
