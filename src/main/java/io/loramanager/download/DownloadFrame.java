package io.loramanager.download;

/** One JSON frame for the sockets watching {@code downloadId} on /ws/download-progress. */
public record DownloadFrame(String downloadId, String payload) {}
