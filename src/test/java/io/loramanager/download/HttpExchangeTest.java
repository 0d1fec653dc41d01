package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 exchange the transfer engine reads downloads with, against exact bytes. */
class HttpExchangeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String KEYSTORE_PASSWORD = "test-only";

  private ScriptedHttpServer server;

  @AfterEach
  void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void sendsOneRequestHeadAndReadsAContentLengthBody() throws Exception {
    server =
        ScriptedHttpServer.answering(
            false,
            "HTTP/1.1 206 Partial Content\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\n",
            "hello");
    server.release(1);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Range", "bytes=10-");
    headers.put("User-Agent", "test");

    try (HttpExchange exchange = open("GET", headers)) {
      assertThat(exchange.status()).isEqualTo(206);
      assertThat(exchange.contentLength()).hasValue(5);
      assertThat(exchange.headers().allValues("x-A")).containsExactly("1", "2");
      assertThat(exchange.body().framing()).isEqualTo(ResponseBody.Framing.LENGTH);
      assertThat(readAll(exchange)).isEqualTo("hello");
    }
    assertThat(server.requestHead())
        .isEqualTo(
            "GET /files/a.bin?sig=x%2By HTTP/1.1\r\n"
                + "Host: 127.0.0.1:"
                + server.url("/").getPort()
                + "\r\nRange: bytes=10-\r\nUser-Agent: test\r\nConnection: close\r\n\r\n");
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
    server =
        ScriptedHttpServer.answering(
            true,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1A\r\n abcdefghijklmnopqrstuvwxy\r\n0\r\nX-Trailer: t\r\n\r\n");

    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThat(exchange.body().framing()).isEqualTo(ResponseBody.Framing.CHUNKED);
      assertThat(readAll(exchange)).isEqualTo("hello abcdefghijklmnopqrstuvwxy");
    }
  }

  @Test
  void aReadThatTimesOutLosesNothingEvenInTheMiddleOfAChunkLine() throws Exception {
    server =
        ScriptedHttpServer.answering(
            false,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n1",
            "0\r\n0123456789abcdef\r",
            "\n0\r\n\r\n");
    try (HttpExchange exchange = open("GET", Map.of())) {
      exchange.readTimeout(Duration.ofMillis(50));
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[64];
      int timeouts = 0;
      for (int released = 1; ; ) {
        try {
          int n = exchange.body().read(buffer, 0, buffer.length);
          if (n < 0) {
            break;
          }
          received.write(buffer, 0, n);
        } catch (SocketTimeoutException nothingYet) {
          timeouts++;
          server.release(released++);
        }
      }
      assertThat(received.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abc0123456789abcdef");
      assertThat(timeouts).isEqualTo(2);
    }
  }

  @Test
  void aBodyWithoutLengthRunsToTheEndOfTheConnection() throws Exception {
    server = ScriptedHttpServer.answering(true, "HTTP/1.0 200 OK\r\n\r\nall of it");

    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThat(exchange.body().framing()).isEqualTo(ResponseBody.Framing.UNTIL_CLOSE);
      assertThat(readAll(exchange)).isEqualTo("all of it");
    }
  }

  @Test
  void interimAnswersAreSkipped() throws Exception {
    server =
        ScriptedHttpServer.answering(
            true, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThat(exchange.status()).isEqualTo(200);
      assertThat(readAll(exchange)).isEqualTo("ok");
    }
  }

  @Test
  void headAnswersAndNoContentHaveNoBody() throws Exception {
    server = ScriptedHttpServer.answering(false, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
    try (HttpExchange exchange = open("HEAD", Map.of())) {
      assertThat(exchange.contentLength()).hasValue(1000);
      assertThat(exchange.body().framing()).isEqualTo(ResponseBody.Framing.EMPTY);
      assertThat(readAll(exchange)).isEmpty();
    }
    server.close();
    server = ScriptedHttpServer.answering(false, "HTTP/1.1 204 No Content\r\n\r\n");
    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThat(readAll(exchange)).isEmpty();
    }
  }

  @Test
  void aBodyCutShortEndsEarlyForTheEngineToResume() throws Exception {
    server = ScriptedHttpServer.answering(true, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");

    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThat(readAll(exchange)).isEqualTo("abc");
    }
  }

  @Test
  void aChunkedBodyCutShortIsAnError() throws Exception {
    server =
        ScriptedHttpServer.answering(
            true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc");

    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThatThrownBy(() -> readAll(exchange))
          .isInstanceOf(EOFException.class)
          .hasMessage("the connection closed in the middle of a chunk");
    }
  }

  @Test
  void malformedAnswersAreClearErrors() throws Exception {
    assertFailsWith(
        "SSH-2.0-OpenSSH\r\n\r\n", "the server did not answer with HTTP/1.x: SSH-2.0-OpenSSH");
    assertFailsWith(
        "HTTP/1.1 2x0 OK\r\n\r\n", "the server answered with an invalid status: HTTP/1.1 2x0 OK");
    assertFailsWith(
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        "the response has conflicting Content-Length headers");
    assertFailsWith(
        "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
        "the response has an invalid Content-Length: -5");
    assertFailsWith(
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "the response has a malformed header: no colon here");
    assertFailsWith(
        "HTTP/1.1 200 OK\r\nX: " + "y".repeat(17 * 1024) + "\r\n\r\n",
        "the server sent a header line longer than 16384 bytes");
    assertFailsWith(
        "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(201) + "\r\n",
        "the response has more than 200 headers");
    assertFailsWith(
        "HTTP/1.1 200 OK\r\nContent-", "the connection closed in the middle of a header line");
    assertFailsWith("", "the server closed the connection without a complete answer");
  }

  @Test
  void anInvalidChunkSizeIsAnError() throws Exception {
    server =
        ScriptedHttpServer.answering(
            true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n");

    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThatThrownBy(() -> readAll(exchange))
          .isInstanceOf(IOException.class)
          .hasMessage("the response has an invalid chunk size: \"zz\"");
    }
  }

  @Test
  void aChunkLongerThanAnnouncedIsAnError() throws Exception {
    server =
        ScriptedHttpServer.answering(
            true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n");

    try (HttpExchange exchange = open("GET", Map.of())) {
      assertThatThrownBy(() -> readAll(exchange))
          .hasMessage("a chunk of the response is longer than its announced size");
    }
  }

  @Test
  void aHeaderValueCannotSmuggleAnotherHeader() {
    assertThatThrownBy(
            () ->
                HttpExchange.open(
                    new HttpExchange.Request(
                        URI.create("http://127.0.0.1:9/"),
                        "GET",
                        Map.of("Authorization", "Bearer k\r\nX-Evil: 1"),
                        TIMEOUT,
                        TIMEOUT),
                    socket -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header Authorization has a control character");
  }

  @Test
  void noAnswerWithinTheResponseTimeoutIsATimeout() throws Exception {
    server = ScriptedHttpServer.answering(false, "");

    assertThatThrownBy(
            () ->
                HttpExchange.open(
                    new HttpExchange.Request(
                        server.url("/"), "GET", Map.of(), TIMEOUT, Duration.ofMillis(200)),
                    socket -> {}))
        .isInstanceOf(HttpTimeoutException.class)
        .hasMessage("timed out waiting for a response from 127.0.0.1");
  }

  @Test
  void closingFromAnotherThreadEndsABlockedRead() throws Exception {
    server = ScriptedHttpServer.answering(false, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab");
    try (HttpExchange exchange = open("GET", Map.of())) {
      byte[] buffer = new byte[10];
      assertThat(exchange.body().read(buffer, 0, 10)).isEqualTo(2);
      CompletableFuture<Integer> blocked =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return exchange.body().read(buffer, 0, 10);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });

      exchange.close();

      assertThatThrownBy(blocked::join).hasRootCauseInstanceOf(java.net.SocketException.class);
    }
  }

  @Test
  void theSocketIsHandedOverBeforeAnythingBlocks() throws Exception {
    server = ScriptedHttpServer.answering(false, "");
    AtomicReference<java.net.Socket> handed = new AtomicReference<>();
    CompletableFuture<HttpExchange> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return HttpExchange.open(
                    new HttpExchange.Request(server.url("/"), "GET", Map.of(), TIMEOUT, TIMEOUT),
                    handed::set);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    server.requestHead();

    handed.get().close();

    assertThatThrownBy(waiting::join).hasRootCauseInstanceOf(java.net.SocketException.class);
  }

  @Test
  void aTlsBodyLargerThanTheInputBufferLandsWholeInADirectBlock() throws Exception {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    WireMockServer tls = tlsServer();
    try {
      tls.stubFor(get("/big").willReturn(ok().withBody(content)));
      URI url = URI.create("https://localhost:" + tls.httpsPort() + "/big");

      try (HttpExchange exchange =
          HttpExchange.open(
              new HttpExchange.Request(url, "GET", Map.of(), TIMEOUT, TIMEOUT, trusting()),
              socket -> {})) {
        exchange.readTimeout(Duration.ofSeconds(2));
        ByteBuffer block = DirectWrites.blocks(1, content.length + 1)[0];
        while (exchange.body().read(block) >= 0) {
          assertThat(block.hasRemaining()).isTrue(); // the body never runs past its length
        }
        byte[] received = new byte[block.flip().remaining()];
        block.get(received);
        assertThat(received).isEqualTo(content);
      }
    } finally {
      tls.stop();
    }
  }

  @Test
  void downloadsOverTlsFromAHostItsCertificateNames() throws Exception {
    WireMockServer tls = tlsServer();
    try {
      tls.stubFor(get("/file").willReturn(ok("over tls")));
      URI url = URI.create("https://localhost:" + tls.httpsPort() + "/file");

      try (HttpExchange exchange =
          HttpExchange.open(
              new HttpExchange.Request(url, "GET", Map.of(), TIMEOUT, TIMEOUT, trusting()),
              socket -> {})) {
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(readAll(exchange)).isEqualTo("over tls");
      }
    } finally {
      tls.stop();
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() {
    WireMockServer tls = tlsServer();
    try {
      // The certificate names localhost and 127.0.0.1, not 127.0.0.2.
      URI url = URI.create("https://127.0.0.2:" + tls.httpsPort() + "/file");
      assertThatThrownBy(
              () ->
                  HttpExchange.open(
                      new HttpExchange.Request(url, "GET", Map.of(), TIMEOUT, TIMEOUT, trusting()),
                      socket -> {}))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("127.0.0.2");
      assertThat(tls.getAllServeEvents()).isEmpty();
    } finally {
      tls.stop();
    }
  }

  @Test
  void aCertificateOutsideTheDefaultTrustStoreIsRefused() {
    WireMockServer tls = tlsServer();
    try {
      URI url = URI.create("https://localhost:" + tls.httpsPort() + "/file");
      assertThatThrownBy(
              () ->
                  HttpExchange.open(
                      new HttpExchange.Request(url, "GET", Map.of(), TIMEOUT, TIMEOUT),
                      socket -> {}))
          .isInstanceOf(SSLHandshakeException.class);
      assertThat(tls.getAllServeEvents()).isEmpty();
    } finally {
      tls.stop();
    }
  }

  private static WireMockServer tlsServer() {
    WireMockServer tls =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(keystore().toString())
                .keystoreType("PKCS12")
                .keystorePassword(KEYSTORE_PASSWORD)
                .keyManagerPassword(KEYSTORE_PASSWORD));
    tls.start();
    return tls;
  }

  /** A TLS client that trusts the test certificate, and nothing else. */
  private static SSLSocketFactory trusting() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore())) {
      store.load(in, KEYSTORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static Path keystore() {
    try {
      return Path.of(HttpExchangeTest.class.getResource("/tls/localhost.p12").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onlyHttpAndHttpsAreSpoken() {
    assertThatThrownBy(
            () ->
                HttpExchange.open(
                    new HttpExchange.Request(
                        URI.create("ftp://127.0.0.1/file"), "GET", Map.of(), TIMEOUT, TIMEOUT),
                    socket -> {}))
        .isInstanceOf(IOException.class)
        .hasMessage("unsupported URL scheme: ftp");
  }

  private void assertFailsWith(String answer, String message) throws Exception {
    try (ScriptedHttpServer bad = ScriptedHttpServer.answering(true, answer)) {
      assertThatThrownBy(
              () ->
                  HttpExchange.open(
                      new HttpExchange.Request(bad.url("/"), "GET", Map.of(), TIMEOUT, TIMEOUT),
                      socket -> {}))
          .isInstanceOf(IOException.class)
          .hasMessage(message);
    }
  }

  private HttpExchange open(String method, Map<String, String> headers) throws IOException {
    return HttpExchange.open(
        new HttpExchange.Request(
            server.url("/files/a.bin?sig=x%2By"), method, headers, TIMEOUT, TIMEOUT),
        socket -> {});
  }

  private static String readAll(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[7];
    int n;
    while ((n = exchange.body().read(buffer, 0, buffer.length)) >= 0) {
      all.write(buffer, 0, n);
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }
}
