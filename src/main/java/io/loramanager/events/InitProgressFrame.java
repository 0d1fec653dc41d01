package io.loramanager.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A start-up scan frame on {@code /ws/init-progress} (anchor-api §4.4).
 *
 * @param stage {@code loading_cache}, {@code scan_folders}, {@code count_models}, {@code
 *     process_models} or {@code finalizing}
 * @param status {@code "complete"} on the last frame, else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record InitProgressFrame(
    String stage,
    int progress,
    String details,
    @JsonProperty("scanner_type") String scannerType,
    @JsonProperty("pageType") String pageType,
    String status) {

  /** The key under which the last frame is replayed to new clients. */
  public String replayKey() {
    return "scanner:" + scannerType;
  }
}
