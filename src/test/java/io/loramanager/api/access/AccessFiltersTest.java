package io.loramanager.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.settings.LmConfig;
import io.loramanager.testsupport.TestConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router filters on a real Vert.x server in this JVM, in the configurations the shared test
 * boot cannot have (a token, an exposed bind, a small hard cap). Requests that pass reach a last
 * route answering {@code reached}. The packaged application is held to the same rules by
 * NetworkAccessIT.
 */
class AccessFiltersTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Vertx vertx = Vertx.vertx();
  private final ObjectMapper mapper = new ObjectMapper();
  private int port;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The test configuration with the given token and CORS origins. */
  static LmConfig config(String token, List<String> origins) {
    LmConfig base = TestConfig.of(Path.of("data"), Path.of("models"));
    return (LmConfig)
        Proxy.newProxyInstance(
            LmConfig.class.getClassLoader(),
            new Class<?>[] {LmConfig.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "apiToken":
                  return Optional.ofNullable(token);
                case "cors":
                  return (LmConfig.Cors) () -> Optional.of(origins);
                default:
                  try {
                    return method.invoke(base, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
              }
            });
  }

  private void serve(LmConfig config, String host, long hardCap) throws Exception {
    RouteErrors errors = new RouteErrors(mapper);
    Router router = Router.router(vertx);
    new CorsFilter(config).register(router);
    new ApiTokenFilter(new NetworkAccess(config, host), errors).register(router);
    new BodyLimitFilter(config, Optional.of(new MemorySize(BigInteger.valueOf(hardCap))), errors)
        .register(router);
    router.route().handler(context -> context.response().end("reached"));
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertJsonError(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).isEqualTo("{\"success\":false,\"error\":\"" + error + "\"}");
  }

  @Test
  void withATokenOnlyRequestsCarryingItPass() throws Exception {
    serve(config("t0k3n-for-the-filter-test", List.of()), "0.0.0.0", 1 << 20);

    HttpResponse<String> missing = get("/api/lm/loras/list", Map.of());
    assertJsonError(missing, 401, ApiTokenFilter.MISSING);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertJsonError(
        get("/api/lm/loras/list", Map.of("Authorization", "Bearer nope")),
        401,
        ApiTokenFilter.WRONG);
    assertJsonError(
        get("/api/lm/loras/list?token=t0k3n-for-the-filter-test", Map.of()),
        401,
        ApiTokenFilter.MISSING);
    assertThat(
            get("/api/lm/loras/list", Map.of("Authorization", "Bearer t0k3n-for-the-filter-test"))
                .body())
        .isEqualTo("reached");
    assertThat(get("/ws/fetch-progress?token=t0k3n-for-the-filter-test", Map.of()).body())
        .isEqualTo("reached");
    assertJsonError(get("/ws/fetch-progress?token=", Map.of()), 401, ApiTokenFilter.MISSING);
    assertJsonError(get("/ws?token=wrong", Map.of()), 401, ApiTokenFilter.WRONG);
  }

  @Test
  void healthProbesPassWithoutTokenButNothingThatOnlyLooksLikeThem() throws Exception {
    serve(config("t0k3n-for-the-filter-test", List.of()), "127.0.0.1", 1 << 20);

    assertThat(get("/q/health", Map.of()).body()).isEqualTo("reached");
    assertThat(get("/q/health/ready", Map.of()).body()).isEqualTo("reached");
    assertThat(get("/q/healthy", Map.of()).statusCode()).isEqualTo(401);
    assertThat(get("/q/health/../../api/lm/loras/list", Map.of()).statusCode()).isEqualTo(401);
    assertThat(get("/q/openapi", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void exposedWithoutATokenAnswersNothingButHealth() throws Exception {
    serve(config(null, List.of()), "0.0.0.0", 1 << 20);

    assertJsonError(get("/api/lm/loras/list", Map.of()), 503, ApiTokenFilter.UNPROTECTED);
    assertThat(get("/q/health/live", Map.of()).body()).isEqualTo("reached");
  }

  @Test
  void loopbackWithoutATokenLetsEverythingThrough() throws Exception {
    serve(config(null, List.of()), "localhost", 1 << 20);

    assertThat(get("/api/lm/loras/list", Map.of()).body()).isEqualTo("reached");
    assertThat(get("/api/lm/loras/list", Map.of("Origin", "http://a.example")).headers().map())
        .doesNotContainKey("access-control-allow-origin");
  }

  @Test
  void aPreflightIsAnsweredBeforeTheTokenIsAsked() throws Exception {
    serve(config("t0k3n-for-the-filter-test", List.of("http://ui.example")), "0.0.0.0", 1 << 20);

    HttpResponse<String> preflight =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/lm/loras/list"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://ui.example")
                .header("Access-Control-Request-Method", "GET")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> refused = get("/api/lm/loras/list", Map.of("Origin", "http://ui.example"));

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://ui.example");
    assertJsonError(refused, 401, ApiTokenFilter.MISSING);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://ui.example");
  }

  @Test
  void theHardCapBoundsBothLimits() throws Exception {
    serve(config(null, List.of()), "127.0.0.1", 100);

    assertThat(post("/api/x", "application/json", new byte[100]).body()).isEqualTo("reached");
    assertJsonError(
        post("/api/x", "application/json", new byte[101]),
        413,
        "Request body too large: 101 bytes (the limit for JSON and other non-multipart bodies is"
            + " 100 bytes, LM_LIMITS_JSON_BODY)");
    assertJsonError(
        post("/api/x", "Multipart/Form-Data; boundary=b", new byte[101]),
        413,
        "Request body too large: 101 bytes (the limit for multipart uploads is 100 bytes,"
            + " LM_LIMITS_MULTIPART_BODY)");
  }

  @Test
  void multipartRecognitionIgnoresCaseAndSpace() {
    assertThat(BodyLimitFilter.isMultipart(" multipart/form-data; boundary=x")).isTrue();
    assertThat(BodyLimitFilter.isMultipart("MULTIPART/mixed")).isTrue();
    assertThat(BodyLimitFilter.isMultipart("application/json")).isFalse();
    assertThat(BodyLimitFilter.isMultipart(null)).isFalse();
  }
}
