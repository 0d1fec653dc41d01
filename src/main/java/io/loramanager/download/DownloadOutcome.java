package io.loramanager.download;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answer to a download request: the HTTP status and the JSON body. */
public record DownloadOutcome(int httpStatus, ObjectNode body) {}
