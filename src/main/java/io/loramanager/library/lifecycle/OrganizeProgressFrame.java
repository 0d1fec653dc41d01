package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * An {@code auto_organize_progress} frame on {@code /ws/fetch-progress} (anchor-api §5): {@code
 * status} is {@code started}, {@code processing}, {@code cleaning}, {@code completed}, {@code
 * cancelled} or {@code error}; absent fields are left out.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizeProgressFrame(
    String type,
    String status,
    Integer total,
    Integer processed,
    Integer success,
    Integer failures,
    Integer skipped,
    @JsonProperty("operation_type") String operationType,
    String message,
    Map<String, Integer> cleanup,
    String error) {

  public static final String TYPE = "auto_organize_progress";

  static OrganizeProgressFrame counts(
      String status, OrganizeTally tally, String message, Map<String, Integer> cleanup) {
    return new OrganizeProgressFrame(
        TYPE,
        status,
        tally.total(),
        tally.processed(),
        tally.movedCount(),
        tally.failures(),
        tally.skipped(),
        tally.operationType(),
        message,
        cleanup,
        null);
  }

  static OrganizeProgressFrame error(String operationType, String error) {
    return new OrganizeProgressFrame(
        TYPE, "error", null, null, null, null, null, operationType, null, null, error);
  }

  /** True while a run that sent this frame is still going. */
  boolean running() {
    return "started".equals(status) || "processing".equals(status) || "cleaning".equals(status);
  }
}
