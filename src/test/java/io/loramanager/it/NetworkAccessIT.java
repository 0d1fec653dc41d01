package io.loramanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PackagedApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application exposed on the network: it refuses to start on 0.0.0.0 without a token,
 * and with one it answers {@code /api} and {@code /ws} only to requests that carry it, while the
 * health probes stay open. CORS is off when no origin is configured.
 */
class NetworkAccessIT {

  private static final String TOKEN = "it-token-0123456789abcdef";
  private static final String MISSING =
      "API token required: send 'Authorization: Bearer <token>' (WebSockets may use ?token=)";

  @TempDir static Path dir;

  private static PackagedApp app;

  @BeforeAll
  static void startExposedWithToken() throws IOException {
    LibraryFixture library = new LibraryFixture(dir.resolve("models")).reset();
    library.model(library.loras(), "Alpha.safetensors", new byte[] {1, 2, 3});
    app =
        PackagedApp.start(
            library.dir(),
            Files.createDirectories(dir.resolve("data")),
            dir.resolve("exposed.log"),
            Map.of("quarkus.http.host", "0.0.0.0"),
            Map.of("LM_API_TOKEN", TOKEN));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void apiWithoutTokenIs401Json() {
    app.http()
        .get("/api/lm/loras/list")
        .then()
        .statusCode(401)
        .contentType("application/json")
        .header("WWW-Authenticate", "Bearer")
        .body("success", equalTo(false))
        .body("error", equalTo(MISSING));
  }

  @Test
  void wrongTokenOrSchemeIs401() {
    app.http()
        .header("Authorization", "Bearer " + TOKEN + "x")
        .get("/api/lm/loras/list")
        .then()
        .statusCode(401)
        .body("error", equalTo("Invalid API token"));
    app.http()
        .header("Authorization", "Basic " + TOKEN)
        .get("/api/lm/loras/list")
        .then()
        .statusCode(401)
        .body("error", equalTo(MISSING));
  }

  @Test
  void apiWithTokenAnswers() {
    app.http()
        .header("Authorization", "Bearer " + TOKEN)
        .get("/api/lm/loras/list")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].file_name", equalTo("Alpha"));
    app.http()
        .header("Authorization", "bearer " + TOKEN)
        .get("/api/lm/health-check")
        .then()
        .statusCode(200)
        .body("status", equalTo("ok"));
  }

  @Test
  void queryTokenIsNotAcceptedOutsideWebSockets() {
    app.http()
        .queryParam("token", TOKEN)
        .get("/api/lm/loras/list")
        .then()
        .statusCode(401)
        .body("error", equalTo(MISSING));
  }

  @Test
  void everyOtherPathIsGuardedToo() {
    app.http().get("/q/openapi").then().statusCode(401);
    app.http().get("/api/../q/openapi").then().statusCode(401);
    app.http().get("/").then().statusCode(401);
  }

  @Test
  void healthProbesStayOpen() {
    app.http().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    app.http().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    app.http().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void webSocketWithoutTokenIsRefusedAtTheHandshake() {
    assertThatThrownBy(() -> connect("/ws/fetch-progress", null))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(401));
    assertThatThrownBy(() -> connect("/ws/init-progress?token=wrong", null))
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(401));
  }

  @Test
  void webSocketWithTheTokenInTheHeaderConnects() {
    WebSocket socket = connect("/ws/fetch-progress", "Bearer " + TOKEN);

    assertThat(socket.isInputClosed()).isFalse();
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  @Test
  void webSocketWithTheTokenInTheQueryConnects() {
    WebSocket socket = connect("/ws/init-progress?token=" + TOKEN, null);

    assertThat(socket.isInputClosed()).isFalse();
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  @Test
  void corsIsOffByDefault() {
    app.http()
        .header("Origin", "http://elsewhere.example")
        .header("Authorization", "Bearer " + TOKEN)
        .get("/api/lm/health-check")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void theTokenIsNeverLogged() {
    app.http().header("Authorization", "Bearer wrong").get("/api/lm/loras/list");

    assertThat(app.logText())
        .contains("API token required for /api and /ws (listening on 0.0.0.0)")
        .doesNotContain("shorter than")
        .doesNotContain(TOKEN);
  }

  @Test
  void refusesToStartOnEveryAddressWithoutAToken() throws IOException {
    Path log = dir.resolve("refused.log");

    int exit =
        PackagedApp.exitCodeOfRefusedStart(
            dir.resolve("models"),
            Files.createDirectories(dir.resolve("refused-data")),
            log,
            Map.of("quarkus.http.host", "0.0.0.0"),
            Map.of());

    assertThat(exit).isNotZero();
    assertThat(Files.readString(log))
        .contains(
            "Refusing to start: quarkus.http.host is '0.0.0.0', which other machines can reach,"
                + " and no API token is configured.")
        .contains("Set LM_API_TOKEN (lm.api-token)");
  }

  @Test
  void aTokenAlsoGuardsALoopbackServer() throws IOException {
    try (PackagedApp local =
        PackagedApp.start(
            dir.resolve("models"),
            Files.createDirectories(dir.resolve("local-data")),
            dir.resolve("local.log"),
            Map.of(),
            Map.of("LM_API_TOKEN", "local-secret\n"))) {
      local.http().get("/api/lm/health-check").then().statusCode(401);
      local
          .http()
          .header("Authorization", "Bearer local-secret")
          .get("/api/lm/health-check")
          .then()
          .statusCode(200);
      assertThat(local.logText())
          .contains("API token required for /api and /ws (listening on 127.0.0.1), loopback only")
          .contains("The API token is shorter than 16 characters");
    }
  }

  private static WebSocket connect(String pathAndQuery, String authorization) {
    WebSocket.Builder builder =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder
        .buildAsync(
            URI.create("ws://127.0.0.1:" + app.port() + pathAndQuery), new WebSocket.Listener() {})
        .join();
  }
}
