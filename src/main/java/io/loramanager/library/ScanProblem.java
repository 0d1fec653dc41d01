package io.loramanager.library;

/** A file the scan could not catalogue, and why (a corrupt sidecar, an unreadable file). */
public record ScanProblem(String filePath, String error) {}
