package io.loramanager.library;

import java.nio.file.Path;

/**
 * A model file met by the walk.
 *
 * @param path the path as walked (through links, not resolved)
 * @param realPath the path with links resolved, to index a physical file once
 * @param filePath {@code path} with forward slashes: the model's identity
 * @param folder the folder relative to the root, "" at the root
 */
public record FoundModel(
    Path path,
    Path realPath,
    String filePath,
    ModelRoot root,
    String folder,
    FolderListing listing,
    FileStamp stamp) {

  public String fileName() {
    return path.getFileName().toString();
  }

  public String baseName() {
    return PathNames.baseName(fileName());
  }
}
