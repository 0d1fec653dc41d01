package io.loramanager.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * The reference's messages for early-access and paid versions (anchor-downloads §3.2 steps 11 and
 * 19): the one told when such a version fails to download, and the wrapper of an unexpected error
 * that looks like an access refusal.
 */
final class EarlyAccess {

  /** Parses {@code paidAccess} given as JSON text; plain Jackson, no modules needed. */
  private static final ObjectMapper TEXT_JSON = new ObjectMapper();

  private static final String PURCHASED =
      " Please ensure you have purchased early access and are logged in to Civitai.";

  private EarlyAccess() {}

  /**
   * The message that replaces a failed download's error for an early-access or paid version; null
   * when the version is neither. {@code paidAccess} (an object or its JSON text) counts only when
   * {@code permanent} or with an {@code endsAt}; else {@code earlyAccessEndsAt} does.
   */
  static String paymentMessage(JsonNode version) {
    JsonNode paid = paidAccess(version.path("paidAccess"));
    if (paid.path("permanent").asBoolean(false)) {
      return "This model requires payment. Please ensure you have purchased access and are"
          + " logged in to Civitai.";
    }
    String endsAt =
        paid.hasNonNull("endsAt")
            ? paid.get("endsAt").asText()
            : version.path("earlyAccessEndsAt").asText("");
    if (endsAt.isEmpty() || "null".equals(endsAt)) {
      return null;
    }
    if (endsAt.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
      return "This model requires payment (until " + endsAt.substring(0, 10) + ")." + PURCHASED;
    }
    return "This model requires payment." + PURCHASED; // a date it cannot read
  }

  /**
   * An unexpected error's text as the reference answers it (step 19): wrapped when it mentions 401,
   * 403, unauthorized or early access, else unchanged. Not for the HTTP statuses of a transfer,
   * whose messages the reference returns as they are.
   */
  static String restriction(String error) {
    String lower = error.toLowerCase(Locale.ROOT);
    boolean refusal =
        lower.contains("401")
            || lower.contains("403")
            || lower.contains("unauthorized")
            || lower.contains("early access");
    return refusal ? "Early access restriction: " + error + "." + PURCHASED : error;
  }

  private static JsonNode paidAccess(JsonNode paid) {
    if (!paid.isTextual()) {
      return paid;
    }
    try {
      return TEXT_JSON.readTree(paid.asText());
    } catch (IOException e) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }
}
