package io.loramanager.download;

import io.loramanager.errors.LmException;
import io.loramanager.outbound.AllowedHosts;
import io.loramanager.outbound.OutboundPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Opens a download request and follows its redirects by hand: every hop passes the {@link
 * OutboundPolicy}, the {@code Range} header goes to every hop, and the Civitai API key only to hops
 * whose host is Civitai's (never to the CDN a Civitai download link redirects to).
 */
final class TransferConnector {

  static final int MAX_REDIRECTS = 5;
  static final String USER_AGENT = "LoRA-Manager-Server/1.0";
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final long POLL_MILLIS = 100;

  /** A response whose headers arrived; its body flows into {@link #body}. */
  record Opened(URI url, int status, HttpHeaders headers, BodyStream body) {

    OptionalLong contentLength() {
      return headers.firstValueAsLong("Content-Length");
    }
  }

  private final HttpClient client;
  private final OutboundPolicy policy;
  private final AllowedHosts hosts;
  private final TransferSettings settings;

  TransferConnector(OutboundPolicy policy, AllowedHosts hosts, TransferSettings settings) {
    this.policy = policy;
    this.hosts = hosts;
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** GETs {@code url} from byte {@code offset} (no Range header when 0). */
  Opened get(URI url, long offset, Supplier<Optional<String>> key, TransferControl control)
      throws IOException, InterruptedException {
    return open(url, "GET", offset, key, control);
  }

  /** HEADs {@code url}; the body, if any, is discarded. */
  Opened head(URI url, Supplier<Optional<String>> key, TransferControl control)
      throws IOException, InterruptedException {
    Opened opened = open(url, "HEAD", 0, key, control);
    opened.body().close();
    return opened;
  }

  private Opened open(
      URI url, String method, long offset, Supplier<Optional<String>> key, TransferControl control)
      throws IOException, InterruptedException {
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      check(current);
      Opened opened = send(request(current, method, offset, key), control);
      if (!REDIRECTS.contains(opened.status())) {
        return opened;
      }
      opened.body().close();
      Optional<String> location = opened.headers().firstValue("Location");
      if (location.isEmpty()) {
        throw TransferFailure.httpStatus(
            opened.status(),
            current.getHost() + " answered " + opened.status() + " without a Location");
      }
      current = current.resolve(location.get());
    }
    throw new TransferFailure(
        TransferFailure.Reason.HTTP, "Too many redirects (more than " + MAX_REDIRECTS + ")");
  }

  private void check(URI url) throws UnknownHostException {
    try {
      policy.requireReachable(url);
    } catch (LmException e) {
      if (e.kind() == LmException.Kind.UNAVAILABLE) {
        throw new UnknownHostException(e.getMessage());
      }
      throw new TransferFailure(TransferFailure.Reason.REFUSED, e.getMessage(), e);
    }
  }

  private HttpRequest request(URI url, String method, long offset, Supplier<Optional<String>> key) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(settings.readTimeout())
            .header("User-Agent", USER_AGENT)
            .header("Accept-Encoding", "identity")
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (offset > 0) {
      builder.header("Range", "bytes=" + offset + "-");
    }
    if (hosts.isCivitai(url)) {
      key.get()
          .filter(value -> !value.isBlank())
          .ifPresent(value -> builder.header("Authorization", "Bearer " + value.trim()));
    }
    return builder.build();
  }

  /** Sends and waits for the headers, giving up at once when the transfer is stopped. */
  private Opened send(HttpRequest request, TransferControl control)
      throws IOException, InterruptedException {
    // ofPublisher completes with the headers; the body flows only once subscribed to.
    CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
    while (true) {
      if (control.isStopped()) {
        pending.cancel(true);
        pending.thenAccept(TransferConnector::discard);
        throw TransferEngine.stopped(control);
      }
      try {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
            pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        BodyStream body = new BodyStream();
        response.body().subscribe(body);
        return new Opened(request.uri(), response.statusCode(), response.headers(), body);
      } catch (TimeoutException notYet) {
        // Headers not there yet: check the control again.
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        throw new IOException(cause);
      }
    }
  }

  /** Drops the body of a response nobody waits for any more. */
  private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
    BodyStream body = new BodyStream();
    body.close();
    response.body().subscribe(body);
  }
}
