package io.loramanager.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The model card of anchor-api §2.1, as {@code list}, {@code excluded} and {@code find-duplicates}
 * return it. {@code usage_count} is absent for embeddings and {@code usage_tips} for everything but
 * LoRAs, as in the reference.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "model_name",
  "file_name",
  "preview_url",
  "preview_nsfw_level",
  "base_model",
  "folder",
  "sha256",
  "file_path",
  "file_size",
  "modified",
  "tags",
  "from_civitai",
  "usage_count",
  "usage_tips",
  "notes",
  "favorite",
  "exclude",
  "update_available",
  "skip_metadata_refresh",
  "sub_type",
  "civitai",
  "auto_tags",
  "version_count",
  "hf_url"
})
public record ModelItem(
    String modelName,
    String fileName,
    String previewUrl,
    int previewNsfwLevel,
    String baseModel,
    String folder,
    String sha256,
    String filePath,
    long fileSize,
    BigDecimal modified,
    List<String> tags,
    boolean fromCivitai,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer usageCount,
    @JsonInclude(JsonInclude.Include.NON_NULL) String usageTips,
    String notes,
    boolean favorite,
    boolean exclude,
    boolean updateAvailable,
    boolean skipMetadataRefresh,
    String subType,
    Map<String, Object> civitai,
    List<String> autoTags,
    Integer versionCount,
    String hfUrl) {}
