package io.loramanager.testsupport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.EnvironmentVariableReporter;
import org.approvaltests.reporters.FirstWorkingReporter;
import org.approvaltests.reporters.QuietReporter;

/**
 * Approval snapshots of JSON: pretty-printed, the library's temp path (plain and URL-encoded)
 * scrubbed to {@code <LIBRARY>}. A mismatch never opens a diff tool unless {@code
 * APPROVAL_TESTS_USE_REPORTER} asks for one.
 */
public final class JsonSnapshots {

  /** Re-prints numbers exactly as the server wrote them (no float rounding, no stripped zeros). */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private JsonSnapshots() {}

  /** Verifies {@code json} against the calling test's approved file. */
  public static void verify(String json, LibraryFixture library) {
    Approvals.verify(pretty(json), options(library));
  }

  /** The scrubbing and reporting options, for snapshots of text other than JSON. */
  public static Options options(LibraryFixture library) {
    String root = LibraryFixture.slashes(library.dir());
    String encodedRoot =
        URLEncoder.encode(root, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    return new Options()
        .withScrubber(text -> text.replace(root, "<LIBRARY>").replace(encodedRoot, "<LIBRARY>"))
        .withReporter(
            new FirstWorkingReporter(EnvironmentVariableReporter.INSTANCE, QuietReporter.INSTANCE));
  }

  private static String pretty(String json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Not JSON: " + json, e);
    }
  }
}
