package io.loramanager.download;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A download that a skip rule stopped before any transfer (anchor-downloads §3.2 steps 6 and 7): a
 * success for the client, told with the rule's {@code reason}, {@code message} and details.
 */
final class DownloadSkipped extends RuntimeException {

  private final transient ObjectNode details;

  /** {@code details}: {@code reason}, {@code message} and the rule's own keys, in reply order. */
  DownloadSkipped(ObjectNode details) {
    super(details.path("message").asText(), null, false, false);
    this.details = details;
  }

  ObjectNode details() {
    return details.deepCopy();
  }
}
