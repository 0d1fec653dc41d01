package io.loramanager.download;

import io.loramanager.errors.LmException;
import io.loramanager.outbound.AllowedHosts;
import io.loramanager.outbound.OutboundPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Opens a download request and follows its redirects by hand: every hop passes the {@link
 * OutboundPolicy}, the {@code Range} header goes to every hop, and the Civitai API key only to hops
 * whose host is Civitai's (never to the CDN a Civitai download link redirects to). Cancel and skip
 * close the open connection, which ends whatever read waits on it.
 */
final class TransferConnector {

  static final int MAX_REDIRECTS = 5;
  static final String USER_AGENT = "LoRA-Manager-Server/1.0";
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** A response whose head arrived; close it when done with its body. */
  record Opened(URI url, HttpExchange exchange) implements AutoCloseable {

    int status() {
      return exchange.status();
    }

    HttpHeaders headers() {
      return exchange.headers();
    }

    OptionalLong contentLength() {
      return exchange.contentLength();
    }

    @Override
    public void close() {
      exchange.close();
    }
  }

  private final OutboundPolicy policy;
  private final AllowedHosts hosts;
  private final TransferSettings settings;

  TransferConnector(OutboundPolicy policy, AllowedHosts hosts, TransferSettings settings) {
    this.policy = policy;
    this.hosts = hosts;
    this.settings = settings;
  }

  /** GETs {@code url} from byte {@code offset} (no Range header when 0). */
  Opened get(URI url, long offset, Supplier<Optional<String>> key, TransferControl control)
      throws IOException {
    return open(url, "GET", offset, key, control);
  }

  /** HEADs {@code url}. */
  Opened head(URI url, Supplier<Optional<String>> key, TransferControl control) throws IOException {
    Opened opened = open(url, "HEAD", 0, key, control);
    opened.close(); // a HEAD answer has no body; its head is all we need
    return opened;
  }

  private Opened open(
      URI url, String method, long offset, Supplier<Optional<String>> key, TransferControl control)
      throws IOException {
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      check(current);
      Opened opened = new Opened(current, send(current, method, offset, key, control));
      if (!REDIRECTS.contains(opened.status())) {
        return opened;
      }
      opened.close();
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

  /** Sends and waits for the head; a cancel or skip meanwhile closes the connection. */
  private HttpExchange send(
      URI url, String method, long offset, Supplier<Optional<String>> key, TransferControl control)
      throws IOException {
    if (control.isStopped()) {
      throw TransferEngine.stopped(control);
    }
    HttpExchange.Request request =
        new HttpExchange.Request(
            url,
            method,
            headers(url, offset, key),
            settings.connectTimeout(),
            settings.readTimeout());
    try {
      return HttpExchange.open(
          request, socket -> control.onStop(() -> HttpExchange.closeQuietly(socket)));
    } catch (IOException e) {
      if (control.isStopped()) {
        throw TransferEngine.stopped(control);
      }
      throw e;
    }
  }

  private Map<String, String> headers(URI url, long offset, Supplier<Optional<String>> key) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", USER_AGENT);
    headers.put("Accept-Encoding", "identity");
    if (offset > 0) {
      headers.put("Range", "bytes=" + offset + "-");
    }
    if (hosts.isCivitai(url)) {
      key.get()
          .filter(value -> !value.isBlank())
          .ifPresent(value -> headers.put("Authorization", "Bearer " + value.trim()));
    }
    return headers;
  }
}
