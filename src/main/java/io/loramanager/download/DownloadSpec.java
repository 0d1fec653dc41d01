package io.loramanager.download;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a client asked to download (anchor-api §3.4).
 *
 * @param modelId the Civitai model, when given
 * @param versionId the Civitai version, when given (at least one of the two is set)
 * @param modelRoot the root to save into; null for the type's default root
 * @param relativePath the sub-folder under the root ("" for the root itself)
 * @param useDefaultPaths put the file in the folder the type's path template gives (under the
 *     type's default root, unless {@code useSaveDirAsRoot})
 * @param useSaveDirAsRoot with {@code useDefaultPaths}: the template folder goes under {@code
 *     modelRoot} instead of the default root
 * @param downloadId the id progress frames are routed by
 * @param fileParams the file of a multi-file version to fetch; null for the primary file
 * @param source where the request came from (kept in the history row)
 */
public record DownloadSpec(
    Long modelId,
    Long versionId,
    String modelRoot,
    String relativePath,
    boolean useDefaultPaths,
    boolean useSaveDirAsRoot,
    String downloadId,
    ObjectNode fileParams,
    String source) {

  public DownloadSpec {
    relativePath = relativePath == null ? "" : relativePath;
    if (fileParams != null && fileParams.isEmpty()) {
      fileParams = null; // {} means "no explicit file", as in the reference
    }
  }

  /** The same request under another download id. */
  public DownloadSpec withDownloadId(String id) {
    return new DownloadSpec(
        modelId,
        versionId,
        modelRoot,
        relativePath,
        useDefaultPaths,
        useSaveDirAsRoot,
        id,
        fileParams,
        source);
  }
}
