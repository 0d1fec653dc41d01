package io.loramanager.download;

import io.loramanager.errors.FileErrorReason;
import io.loramanager.outbound.AllowedHosts;
import io.loramanager.outbound.OutboundPolicy;
import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Fetches one file, resumably and verified: bytes stream to {@code <target>.part} through a bounded
 * buffer (never the whole file in memory); an interrupted transfer resumes with {@code Range} from
 * the bytes on disk; network errors and stalls are retried with exponential backoff, HTTP errors
 * and disk errors are not; the finished file is checked for size and SHA-256 (hashed while it
 * streams) and only then renamed into place. Blocking: callers run it on a worker thread.
 */
@ApplicationScoped
public class TransferEngine {

  private static final Logger LOG = Logger.getLogger(TransferEngine.class);

  /**
   * Blocks in a transfer's ring: one filling from the network while the others are written and
   * hashed, so that neither a slow write nor the hash holds up the reads.
   */
  static final int BLOCKS = 4;

  /** Restarts from byte 0 (416, a resume at the wrong offset) allowed before giving up. */
  static final int MAX_RESTARTS = 3;

  private final TransferSettings settings;
  private final TransferConnector connector;

  /**
   * Hashes received blocks and flushes written ones to the device beside the threads that download
   * them (daemon threads, on demand).
   */
  private final ExecutorService background =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "lm-download-background");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public TransferEngine(OutboundPolicy policy, AllowedHosts hosts, LmConfig config) {
    this(policy, hosts, TransferSettings.from(config.download()));
  }

  public TransferEngine(OutboundPolicy policy, AllowedHosts hosts, TransferSettings settings) {
    this.settings = settings;
    this.connector = new TransferConnector(policy, hosts, settings);
  }

  public TransferSettings settings() {
    return settings;
  }

  /** No byte arrived for the stall timeout: the connection is dropped and the transfer retried. */
  private static final class StalledException extends IOException {
    StalledException(String message) {
      super(message);
    }
  }

  /** What one attempt achieved. */
  private enum Outcome {
    COMPLETE,
    RESTART
  }

  /** State of one transfer across its attempts. */
  private final class Transfer {
    final TransferRequest request;
    final TransferControl control;
    final ProgressMeter meter;
    final Path part;
    final ByteBuffer[] blocks = DirectWrites.blocks(BLOCKS, settings.bufferBytes());
    final RunningSha256 hash = new RunningSha256(background);
    OptionalLong total = OptionalLong.empty();

    Transfer(TransferRequest request, TransferControl control, ProgressMeter meter) {
      this.request = request;
      this.control = control;
      this.meter = meter;
      this.part = request.partFile();
    }
  }

  /**
   * Fetches {@code request.url()} into {@code request.target()}.
   *
   * @throws TransferFailure with a reason and a message for a person when no verified file results
   */
  public TransferResult transfer(
      TransferRequest request, TransferControl control, Consumer<TransferProgress> listener) {
    Transfer transfer =
        new Transfer(
            request,
            control,
            new ProgressMeter(listener, settings.progressInterval(), System::nanoTime));
    try {
      return run(transfer);
    } catch (TransferFailure failure) {
      if (failure.reason() == TransferFailure.Reason.CANCELLED
          && control.state() == TransferControl.State.CANCELLED) {
        deleteQuietly(transfer.part);
      }
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransferFailure(TransferFailure.Reason.CANCELLED, "Download was interrupted");
    }
  }

  private TransferResult run(Transfer transfer) throws InterruptedException {
    createParent(transfer.request.target());
    int failuresInARow = 0;
    int restarts = 0;
    while (true) {
      if (transfer.control.isStopped()) {
        throw stopped(transfer.control);
      }
      long before = size(transfer.part);
      try {
        if (attempt(transfer) == Outcome.COMPLETE) {
          return finish(transfer);
        }
        if (++restarts > MAX_RESTARTS) {
          throw new TransferFailure(
              TransferFailure.Reason.HTTP,
              "The server keeps refusing to resume the download; gave up after "
                  + MAX_RESTARTS
                  + " restarts");
        }
      } catch (IOException e) {
        // Retries count failures in a row: a transfer that moved forward earns a fresh budget.
        failuresInARow = size(transfer.part) > before ? 1 : failuresInARow + 1;
        String reason = reason(e);
        if (failuresInARow > settings.maxRetries()) {
          throw new TransferFailure(
              TransferFailure.Reason.NETWORK,
              "Network error after " + failuresInARow + " attempts: " + reason,
              e);
        }
        LOG.infof(
            "Download %s: %s; retry %d of %d",
            describe(transfer.request.url()), reason, failuresInARow, settings.maxRetries());
        transfer.control.awaitDelay(settings.backoff(failuresInARow));
        transfer.meter.restartWindow();
      }
    }
  }

  private Outcome attempt(Transfer transfer) throws IOException, InterruptedException {
    long offset = size(transfer.part);
    try (TransferConnector.Opened response =
        connector.get(
            transfer.request.url(), offset, transfer.request.civitaiApiKey(), transfer.control)) {
      int status = response.status();
      if (status == 416 && offset > 0) {
        return afterRangeNotSatisfiable(transfer, response.url(), offset);
      }
      if (status == 206 && offset > 0) {
        ContentRange range = ContentRange.parse(response.headers()).orElse(null);
        if (range == null || range.start() != offset) {
          LOG.infof(
              "Download %s: resumed at the wrong offset; restarting", describe(response.url()));
          delete(transfer.part);
          return Outcome.RESTART;
        }
        transfer.total =
            range.total().isPresent() ? range.total() : plus(response.contentLength(), offset);
      } else if (status == 200) {
        if (offset > 0) {
          LOG.infof(
              "Download %s: the server ignored Range; restarting from 0", describe(response.url()));
          offset = 0;
        }
        transfer.total = response.contentLength();
      } else {
        throw statusFailure(status);
      }
      return stream(transfer, response.exchange(), offset);
    } finally {
      transfer.control.onStop(() -> {});
    }
  }

  /** The reference's 416 rule: a complete .part (HEAD says so) is kept, anything else restarts. */
  private Outcome afterRangeNotSatisfiable(Transfer transfer, URI url, long offset)
      throws IOException {
    TransferConnector.Opened head =
        connector.head(url, transfer.request.civitaiApiKey(), transfer.control);
    if (head.status() == 200 && head.contentLength().orElse(-1) == offset) {
      transfer.total = OptionalLong.of(offset);
      return Outcome.COMPLETE;
    }
    LOG.infof("Download %s: 416 for a partial file; restarting", describe(url));
    delete(transfer.part);
    return Outcome.RESTART;
  }

  private Outcome stream(Transfer transfer, HttpExchange exchange, long offset)
      throws IOException, InterruptedException {
    if (offset > 0) {
      catchUpHash(transfer, offset);
    }
    // Reads wait a short slice at a time, so that pause, cancel and stalls are noticed between
    // them; a read that times out consumes nothing and is simply repeated.
    long slice = Math.max(1, Math.min(100, settings.stallTimeout().toMillis()));
    long stallNanos = settings.stallTimeout().toNanos();
    exchange.readTimeout(Duration.ofMillis(slice));
    PartWriter writer =
        PartWriter.open(transfer.part, offset, transfer.blocks, transfer.hash, background);
    try {
      transfer.meter.update(writer.received(), transfer.total);
      long lastData = System.nanoTime();
      while (true) {
        if (transfer.control.isPaused()) {
          writer.flush();
          transfer.meter.still(writer.received(), transfer.total);
          transfer.control.awaitNotPaused();
          transfer.meter.restartWindow();
          lastData = System.nanoTime();
        }
        if (transfer.control.isStopped()) {
          writer.flush(); // a skipped download keeps every byte received for its resume
          throw stopped(transfer.control);
        }
        int read;
        try {
          read = writer.readFrom(exchange.body());
        } catch (SocketTimeoutException nothingYet) {
          // The network went quiet: what arrived goes to disk now, so that neither a stall nor a
          // crash meanwhile costs the bytes that sat in the blocks.
          writer.flush();
          if (System.nanoTime() - lastData > stallNanos) {
            throw new StalledException(
                String.format(
                    Locale.ROOT, "timed out: no data received for %.1f seconds", stallNanos / 1e9));
          }
          continue;
        } catch (IOException e) {
          writer.flush();
          if (transfer.control.isStopped()) {
            throw stopped(transfer.control); // cancel and skip close the connection under a read
          }
          throw e;
        }
        if (read < 0) {
          break;
        }
        lastData = System.nanoTime();
        transfer.meter.update(writer.received(), transfer.total);
      }
      writer.sync();
      long received = writer.received();
      if (transfer.total.isPresent() && received < transfer.total.getAsLong()) {
        throw new IOException(
            "the connection closed after "
                + received
                + " of "
                + transfer.total.getAsLong()
                + " bytes");
      }
      if (transfer.total.isPresent() && received > transfer.total.getAsLong()) {
        throw new IOException(
            "the server sent "
                + received
                + " bytes, more than the "
                + transfer.total.getAsLong()
                + " it announced");
      }
      return Outcome.COMPLETE;
    } finally {
      writer.close();
    }
  }

  private TransferResult finish(Transfer transfer) {
    TransferRequest request = transfer.request;
    long size = size(transfer.part);
    if (size <= 0) {
      delete(transfer.part);
      throw verification("Downloaded file is empty");
    }
    if (request.expectedSize().isPresent() && request.expectedSize().getAsLong() != size) {
      delete(transfer.part);
      throw verification(
          "File size mismatch. Expected: " + request.expectedSize().getAsLong() + ", Got: " + size);
    }
    catchUpHash(transfer, size);
    String sha256 = transfer.hash.hex();
    if (request.expectedSha256().isPresent() && !request.expectedSha256().get().equals(sha256)) {
      delete(transfer.part);
      throw verification(
          "SHA-256 mismatch. Expected: " + request.expectedSha256().get() + ", Got: " + sha256);
    }
    try {
      Files.move(
          transfer.part,
          request.target(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw DiskErrors.failure("move into place", request.target(), e);
    }
    transfer.meter.still(size, OptionalLong.of(size));
    return new TransferResult(request.target(), size, sha256);
  }

  private void catchUpHash(Transfer transfer, long bytes) {
    try {
      transfer.hash.catchUp(transfer.part, bytes, transfer.blocks[0]);
    } catch (IOException e) {
      throw DiskErrors.failure("read", transfer.part, e);
    }
  }

  private static TransferFailure statusFailure(int status) {
    return switch (status) {
      case 401 ->
          TransferFailure.httpStatus(
              401, "Invalid or missing API key, or early access restriction.");
      case 403 ->
          TransferFailure.httpStatus(
              403, "Access forbidden: You don't have permission to download this file.");
      case 404 ->
          TransferFailure.httpStatus(
              404, "File not found - the download link may be invalid or expired.");
      default -> TransferFailure.httpStatus(status, "Download failed with status " + status);
    };
  }

  static TransferFailure stopped(TransferControl control) {
    return new TransferFailure(
        TransferFailure.Reason.CANCELLED,
        control.state() == TransferControl.State.SKIPPED
            ? "Download skipped"
            : "Download cancelled");
  }

  private static TransferFailure verification(String message) {
    return new TransferFailure(TransferFailure.Reason.VERIFICATION, message);
  }

  private static void createParent(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw DiskErrors.failure("create folder", parent, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw DiskErrors.failure("read", file, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw DiskErrors.failure("delete", file, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf("Cannot delete %s: %s", file, FileErrorReason.of(e));
    }
  }

  private static OptionalLong plus(OptionalLong length, long offset) {
    return length.isPresent() ? OptionalLong.of(length.getAsLong() + offset) : OptionalLong.empty();
  }

  private String reason(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "timed out connecting after " + seconds(settings.connectTimeout().toMillis());
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out waiting for a response after " + seconds(settings.readTimeout().toMillis());
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f seconds", millis / 1000.0);
  }

  /** Host and path only: query strings of signed URLs carry credentials. */
  static String describe(URI url) {
    return url.getHost() + url.getRawPath();
  }
}
