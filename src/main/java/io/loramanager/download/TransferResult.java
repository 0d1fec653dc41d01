package io.loramanager.download;

import java.nio.file.Path;

/**
 * A file fetched and verified.
 *
 * @param file the final file
 * @param size its size in bytes
 * @param sha256 its SHA-256 (lower-case hex), computed while streaming
 */
public record TransferResult(Path file, long size, String sha256) {}
