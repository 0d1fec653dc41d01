package io.loramanager.library;

/**
 * What a rescan compares to decide whether a model needs reading again: the model file's size and
 * modification time, and the sidecar's (size -1 when there is no sidecar).
 */
public record FileStamp(long fileSize, long fileMtimeMs, long sidecarSize, long sidecarMtimeMs) {}
