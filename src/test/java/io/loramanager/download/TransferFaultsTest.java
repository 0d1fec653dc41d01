package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.loramanager.testsupport.FaultyFileServer;
import io.loramanager.testsupport.FaultyFileServer.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network faults exact to the byte: resets, stalls, ignored ranges, 416, pause and cancel. */
class TransferFaultsTest {

  private static final int SIZE = 3 * 1024 * 1024 + 17;
  private static final byte[] CONTENT = TestEngines.content(SIZE);
  private static final String SHA = TestEngines.sha256(CONTENT);
  private static final int CUT = 1_234_567;

  @TempDir Path dir;
  private FaultyFileServer server;
  private TransferEngine engine;
  private Path target;
  private Path part;
  private final TestEngines.Reports reports = new TestEngines.Reports();
  private final TransferControl control = new TransferControl();

  @BeforeEach
  void setUp() {
    server = FaultyFileServer.serving(CONTENT);
    engine = TestEngines.engine(dir, 1);
    target = dir.resolve("checkpoints/model.safetensors");
    part = TransferRequest.partFileOf(target);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private TransferRequest request() {
    return TransferRequest.of(server.url("/model.safetensors"), target).withSha256(SHA);
  }

  private TransferResult fetch() {
    return engine.transfer(request(), control, reports::add);
  }

  private CompletableFuture<TransferResult> fetchInBackground() {
    return CompletableFuture.supplyAsync(this::fetch);
  }

  @Test
  void aConnectionResetMidBodyResumesFromTheBytesOnDisk() throws IOException {
    server.then(Step.cutAfter(CUT));

    TransferResult result = fetch();

    assertThat(server.ranges()).containsExactly("", "bytes=" + CUT + "-");
    assertThat(result.sha256()).isEqualTo(SHA);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(part).doesNotExist();
  }

  @Test
  void repeatedResetsThatEachMakeProgressDoNotExhaustTheRetries() throws IOException {
    server.then(
        Step.cutAfter(500_000),
        Step.cutAfter(500_000),
        Step.cutAfter(500_000),
        Step.cutAfter(500_000));

    fetch();

    assertThat(server.ranges())
        .containsExactly("", "bytes=500000-", "bytes=1000000-", "bytes=1500000-", "bytes=2000000-");
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void aStallIsDroppedAndResumed() throws IOException {
    server.then(Step.stallAfter(CUT));

    fetch();

    assertThat(server.ranges()).containsExactly("", "bytes=" + CUT + "-");
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void aStallThatNeverEndsFailsAsTimedOutAndKeepsThePart() throws IOException {
    server.then(Step.stallAfter(CUT), Step.stallAfter(0), Step.stallAfter(0));

    // The first attempt (which made progress) opens the row; two more without progress end it.

    assertThatThrownBy(this::fetch)
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.NETWORK))
        .hasMessage("Network error after 3 attempts: timed out: no data received for 1.0 seconds");
    assertThat(server.ranges()).containsExactly("", "bytes=" + CUT + "-", "bytes=" + CUT + "-");
    assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOf(CONTENT, CUT));
    assertThat(target).doesNotExist();
  }

  @Test
  void aReadTimeoutIsRetriedThenFailsAsTimedOut() {
    server.then(Step.noAnswer(), Step.noAnswer(), Step.noAnswer());
    engine = TestEngines.engine(dir, 1, Duration.ofMillis(300));

    assertThatThrownBy(this::fetch)
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.NETWORK))
        .hasMessage(
            "Network error after 3 attempts: timed out waiting for a response after 0.3 seconds");
    assertThat(server.ranges()).containsExactly("", "", "");
    assertThat(target).doesNotExist();
  }

  @Test
  void aServerIgnoringRangeRestartsCleanlyFromZero() throws IOException {
    Files.createDirectories(target.getParent());
    Files.write(part, Arrays.copyOf(CONTENT, CUT));
    server.then(Step.ignoreRange());

    TransferResult result = fetch();

    assertThat(server.ranges()).containsExactly("bytes=" + CUT + "-");
    assertThat(result.sha256()).isEqualTo(SHA);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void aResumeAfterAResetThatHitsAServerIgnoringRangeStillEndsCorrect() throws IOException {
    server.then(Step.cutAfter(CUT), Step.ignoreRange());

    fetch();

    assertThat(server.ranges()).containsExactly("", "bytes=" + CUT + "-");
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void rangeNotSatisfiableForACompletePartFinishesWithoutRefetching() throws IOException {
    Files.createDirectories(target.getParent());
    Files.write(part, CONTENT);

    TransferResult result = fetch();

    assertThat(server.methods()).containsExactly("GET", "HEAD");
    assertThat(server.ranges()).containsExactly("bytes=" + SIZE + "-");
    assertThat(result.sha256()).isEqualTo(SHA);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(part).doesNotExist();
  }

  @Test
  void rangeNotSatisfiableForAnOversizedPartRestartsFromZero() throws IOException {
    Files.createDirectories(target.getParent());
    byte[] tooLong = Arrays.copyOf(CONTENT, SIZE + 10);
    Files.write(part, tooLong);

    fetch();

    assertThat(server.methods()).containsExactly("GET", "HEAD", "GET");
    assertThat(server.ranges()).containsExactly("bytes=" + (SIZE + 10) + "-", "");
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
  }

  @Test
  void pauseStopsReadingAndResumeContinuesOnTheSameConnection() throws IOException {
    server.then(Step.holdAfter(CUT));
    CompletableFuture<TransferResult> running = fetchInBackground();
    await().atMost(Duration.ofSeconds(10)).until(() -> reports.lastBytes() == CUT);

    assertThat(control.pause()).isTrue();
    assertThat(control.pause()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> reports.last().bytesPerSecond() == 0);
    server.openGate();
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(2))
        .until(() -> Files.size(part) == CUT && !running.isDone());
    long pausedAt = reports.lastBytes();
    assertThat(control.resume()).isTrue();
    TransferResult result = running.join();

    assertThat(pausedAt).isEqualTo(CUT);
    assertThat(server.ranges()).containsExactly("");
    assertThat(result.sha256()).isEqualTo(SHA);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    List<Long> bytes = reports.all.stream().map(TransferProgress::bytesDownloaded).toList();
    assertThat(bytes).isSorted();
  }

  @Test
  void cancelDuringTransferLeavesNoFile() {
    server.then(Step.holdAfter(CUT));
    CompletableFuture<TransferResult> running = fetchInBackground();
    await().atMost(Duration.ofSeconds(10)).until(() -> reports.lastBytes() == CUT);

    assertThat(control.cancel()).isTrue();

    assertThatThrownBy(running::join)
        .cause()
        .isInstanceOfSatisfying(
            TransferFailure.class,
            f -> assertThat(f.reason()).isEqualTo(TransferFailure.Reason.CANCELLED))
        .hasMessage("Download cancelled");
    assertThat(part).doesNotExist();
    assertThat(target).doesNotExist();
  }

  @Test
  void cancelWhilePausedLeavesNoFile() {
    server.then(Step.holdAfter(CUT));
    CompletableFuture<TransferResult> running = fetchInBackground();
    await().atMost(Duration.ofSeconds(10)).until(() -> reports.lastBytes() == CUT);
    control.pause();

    control.cancel();

    assertThatThrownBy(running::join).cause().hasMessage("Download cancelled");
    assertThat(part).doesNotExist();
  }

  @Test
  void skipKeepsThePartForALaterResume() throws IOException {
    server.then(Step.holdAfter(CUT));
    CompletableFuture<TransferResult> running = fetchInBackground();
    await().atMost(Duration.ofSeconds(10)).until(() -> reports.lastBytes() == CUT);

    assertThat(control.skip()).isTrue();

    assertThatThrownBy(running::join).cause().hasMessage("Download skipped");
    assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOf(CONTENT, CUT));
    assertThat(target).doesNotExist();
  }

  @Test
  void aStoppedControlFailsBeforeAnyRequest() {
    control.cancel();

    assertThatThrownBy(this::fetch).hasMessage("Download cancelled");
    assertThat(server.ranges()).isEmpty();
  }
}
