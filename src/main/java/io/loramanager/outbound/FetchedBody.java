package io.loramanager.outbound;

import java.net.URI;
import java.util.Optional;

/** A small resource fetched into memory: its bytes, declared content type and final URL. */
public record FetchedBody(byte[] bytes, Optional<String> contentType, URI finalUrl) {}
