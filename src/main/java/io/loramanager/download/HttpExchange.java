package io.loramanager.download;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request and its response on a connection of its own ({@code Connection: close}),
 * read straight into the caller's buffer: over the socket's channel for plain HTTP (no copy on the
 * way to a direct buffer), over the socket's stream for TLS. The engine uses this rather than
 * {@code java.net.http}, whose asynchronous body delivery cost about four times curl's CPU for a 2
 * GiB file (docs/performance.md). A read waits for at most the read timeout; {@link #close()} from
 * another thread ends a waiting read at once (how cancel and skip take effect).
 */
final class HttpExchange implements AutoCloseable {

  private static final int MAX_HEAD_LINE = 16 * 1024;
  private static final int MAX_HEAD_LINES = 200;
  private static final int INPUT_BUFFER = 64 * 1024;

  private final Wire wire;
  private final int status;
  private final HttpHeaders headers;
  private final ResponseBody body;

  private HttpExchange(Wire wire, int status, HttpHeaders headers, ResponseBody body) {
    this.wire = wire;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * What to send, how long to wait for the connection and for the response's head, and the TLS
   * socket factory for https (the JDK's default trust store in production).
   */
  record Request(
      URI url,
      String method,
      Map<String, String> headers,
      Duration connectTimeout,
      Duration responseTimeout,
      SSLSocketFactory tls) {

    Request(
        URI url,
        String method,
        Map<String, String> headers,
        Duration connectTimeout,
        Duration responseTimeout) {
      this(
          url,
          method,
          headers,
          connectTimeout,
          responseTimeout,
          (SSLSocketFactory) SSLSocketFactory.getDefault());
    }
  }

  /**
   * Connects, sends the request and reads the response head. {@code opened} receives the socket
   * before anything blocks, so that another thread can close it (the TCP socket even for TLS:
   * closing that never waits for a TLS close handshake).
   *
   * @throws HttpConnectTimeoutException when connecting takes longer than the connect timeout
   * @throws HttpTimeoutException when the head does not arrive within the response timeout
   */
  static HttpExchange open(Request request, Consumer<Socket> opened) throws IOException {
    URI url = request.url();
    boolean tls = "https".equalsIgnoreCase(url.getScheme());
    if (!tls && !"http".equalsIgnoreCase(url.getScheme())) {
      throw new IOException("unsupported URL scheme: " + url.getScheme());
    }
    String host = bareHost(url);
    byte[] head = requestHead(request, url); // a bad header fails before any connection
    int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
    SocketChannel channel = tls ? null : SocketChannel.open();
    Socket socket = tls ? new Socket() : channel.socket();
    opened.accept(socket);
    Wire wire = null;
    try {
      try {
        socket.connect(new InetSocketAddress(host, port), millis(request.connectTimeout()));
      } catch (SocketTimeoutException e) {
        throw new HttpConnectTimeoutException("timed out connecting to " + url.getHost());
      }
      socket.setTcpNoDelay(true);
      int responseMillis = millis(request.responseTimeout());
      socket.setSoTimeout(responseMillis);
      if (tls) {
        Socket secure = secure(request.tls(), socket, host, port);
        secure.getOutputStream().write(head);
        secure.getOutputStream().flush();
        wire = new StreamWire(socket, secure);
      } else {
        ByteBuffer out = ByteBuffer.wrap(head);
        while (out.hasRemaining()) {
          channel.write(out); // still blocking: the head goes out whole
        }
        wire = new ChannelWire(channel, responseMillis);
      }
      WireInput input = new WireInput(wire, INPUT_BUFFER);
      try {
        return readHead(wire, input, request.method());
      } catch (SocketTimeoutException e) {
        throw new HttpTimeoutException("timed out waiting for a response from " + url.getHost());
      }
    } catch (IOException | RuntimeException e) {
      if (wire != null) {
        wire.close();
      }
      closeQuietly(socket);
      if (e instanceof ClosedChannelException) {
        throw new SocketException("Socket closed"); // closed by another thread, as for a stream
      }
      throw e;
    }
  }

  int status() {
    return status;
  }

  HttpHeaders headers() {
    return headers;
  }

  ResponseBody body() {
    return body;
  }

  OptionalLong contentLength() {
    return headers.firstValueAsLong("Content-Length");
  }

  /** From now on a read that waits longer than {@code timeout} for a byte fails. */
  void readTimeout(Duration timeout) throws IOException {
    wire.timeout(millis(timeout));
  }

  /** Drops the connection; safe from any thread, and more than once. */
  @Override
  public void close() {
    wire.close();
  }

  private static Socket secure(SSLSocketFactory factory, Socket plain, String host, int port)
      throws IOException {
    SSLSocket ssl = (SSLSocket) factory.createSocket(plain, host, port, true);
    SSLParameters parameters = ssl.getSSLParameters();
    // Without this JSSE checks the certificate chain but not that it names the host.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    ssl.setSSLParameters(parameters);
    ssl.startHandshake();
    return ssl;
  }

  private static byte[] requestHead(Request request, URI url) {
    StringBuilder head = new StringBuilder(256);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    head.append(request.method()).append(' ').append(path);
    if (url.getRawQuery() != null) {
      head.append('?').append(url.getRawQuery());
    }
    head.append(" HTTP/1.1\r\n");
    header(head, "Host", url.getPort() >= 0 ? url.getHost() + ":" + url.getPort() : url.getHost());
    request.headers().forEach((name, value) -> header(head, name, value));
    header(head, "Connection", "close");
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void header(StringBuilder head, String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException("header " + name + " has a control character");
      }
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }

  private static HttpExchange readHead(Wire wire, WireInput input, String method)
      throws IOException {
    while (true) {
      int status = statusCode(requireLine(input));
      HttpHeaders headers = readHeaders(input);
      if (status >= 200) { // interim answers (100 Continue) come before the real one
        return new HttpExchange(wire, status, headers, bodyOf(input, method, status, headers));
      }
    }
  }

  private static ResponseBody bodyOf(
      WireInput input, String method, int status, HttpHeaders headers) throws IOException {
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return ResponseBody.empty(input);
    }
    List<String> codings = headers.allValues("Transfer-Encoding");
    if (!codings.isEmpty()) {
      String last = codings.get(codings.size() - 1);
      String finalCoding = last.substring(last.lastIndexOf(',') + 1).trim();
      // RFC 9112 6.3: a body whose last coding is not chunked runs to the end of the connection.
      return finalCoding.equalsIgnoreCase("chunked")
          ? ResponseBody.chunked(input)
          : ResponseBody.untilClose(input);
    }
    List<String> lengths = headers.allValues("Content-Length");
    if (lengths.isEmpty()) {
      return ResponseBody.untilClose(input);
    }
    long length = -1;
    for (String value : lengths) {
      long parsed = contentLength(value);
      if (length >= 0 && parsed != length) {
        throw new IOException("the response has conflicting Content-Length headers");
      }
      length = parsed;
    }
    return ResponseBody.ofLength(input, length);
  }

  private static long contentLength(String value) throws IOException {
    String digits = value.trim();
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      throw new IOException("the response has an invalid Content-Length: " + digits);
    }
    return Long.parseLong(digits);
  }

  private static int statusCode(String line) throws IOException {
    // "HTTP/1.1 200 OK": version, a space, three digits, then an optional reason.
    if (line.length() < 12
        || !line.startsWith("HTTP/1.")
        || line.charAt(8) != ' '
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new IOException("the server did not answer with HTTP/1.x: " + abbreviate(line));
    }
    String code = line.substring(9, 12);
    if (!code.chars().allMatch(Character::isDigit)) {
      throw new IOException("the server answered with an invalid status: " + abbreviate(line));
    }
    return Integer.parseInt(code);
  }

  private static HttpHeaders readHeaders(WireInput input) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int count = 0; ; count++) {
      String line = requireLine(input);
      if (line.isEmpty()) {
        return HttpHeaders.of(headers, (name, value) -> true);
      }
      if (count >= MAX_HEAD_LINES) {
        throw new IOException("the response has more than " + MAX_HEAD_LINES + " headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.substring(0, colon).chars().anyMatch(c -> c <= ' ')) {
        throw new IOException("the response has a malformed header: " + abbreviate(line));
      }
      headers
          .computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
  }

  private static String requireLine(WireInput input) throws IOException {
    String line = input.readLine(MAX_HEAD_LINE);
    if (line == null) {
      throw new EOFException("the server closed the connection without a complete answer");
    }
    return line;
  }

  private static String bareHost(URI url) throws IOException {
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new IOException("the URL has no host: " + url.getScheme() + "://...");
    }
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static int millis(Duration timeout) {
    long millis = timeout.toMillis();
    return millis <= 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, millis);
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }

  /** Closes without complaint: closing only releases the descriptor, safe from any thread. */
  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing only releases the descriptor; there is nothing left to report.
    }
  }
}
