package io.loramanager.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.OutboundStubs;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most two URL imports download at once (the reference's semaphore); the others wait. */
@QuarkusTest
class RecipeUrlImportConcurrencyFlowTest {

  @Test
  void aThirdImportWaitsUntilOneOfTwoFinishes() throws Exception {
    TestLibrary.fresh();
    byte[] png = ImageFixtures.png().text("parameters", RecipeAnalyzeFlowTest.FORGE).build();
    AtomicInteger arrived = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress(OutboundStubs.CDN_HOST, 0), 0);
    ExecutorService handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext(
        "/slow.png",
        exchange -> {
          arrived.incrementAndGet();
          mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            release.await(30, TimeUnit.SECONDS);
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(png);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
            exchange.close();
          }
        });
    server.start();
    try {
      String url =
          "http://" + OutboundStubs.CDN_HOST + ":" + server.getAddress().getPort() + "/slow.png";
      List<CompletableFuture<Response>> imports = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        imports.add(CompletableFuture.supplyAsync(() -> RecipeUrlImportFlowTest.analyzeUrl(url)));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> arrived.get() == 2);
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(5))
          .until(() -> arrived.get() == 2);

      release.countDown();

      for (CompletableFuture<Response> done : imports) {
        Response response = done.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("gen_params.negative_prompt")).isEqualTo("blurry");
      }
      assertThat(arrived.get()).isEqualTo(3);
      assertThat(mostAtOnce.get()).isEqualTo(2);
    } finally {
      release.countDown();
      server.stop(0);
      handlers.shutdownNow();
    }
  }
}
