package io.loramanager.testsupport;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Civitai model-version answer the loopback JDK stubs give (no WireMock in the packaged app's
 * tests and benchmarks): a LoRA of SDXL 1.0, model {@code versionId + 1000000}, with one primary
 * weights file.
 */
public final class LoraVersionJson {

  private LoraVersionJson() {}

  /** The version's JSON; {@code sha256} is sent upper case, as Civitai sends it. */
  public static String of(
      long versionId, String fileName, long sizeBytes, String sha256, String fileUrl) {
    return """
        {"id": %d, "modelId": %d, "name": "v1", "baseModel": "SDXL 1.0",
         "model": {"name": "Model %d", "type": "LORA"}, "images": [],
         "files": [{"id": %d, "name": "%s", "type": "Model", "primary": true,
           "sizeKB": %.1f, "metadata": {"format": "SafeTensor"},
           "hashes": {"SHA256": "%s"}, "downloadUrl": "%s"}]}
        """
        .formatted(
            versionId,
            versionId + 1_000_000,
            versionId,
            versionId,
            fileName,
            sizeBytes / 1024.0,
            sha256.toUpperCase(Locale.ROOT),
            fileUrl);
  }

  /** Answers the exchange with {@code json} (200, {@code application/json}). */
  public static void send(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
