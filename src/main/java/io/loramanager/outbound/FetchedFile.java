package io.loramanager.outbound;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** A resource streamed to disk: where it landed, its size, declared content type and final URL. */
public record FetchedFile(Path file, long size, Optional<String> contentType, URI finalUrl) {}
