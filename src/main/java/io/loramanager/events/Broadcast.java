package io.loramanager.events;

/** A frame for every client of {@code /ws/fetch-progress}. The payload is encoded as JSON as is. */
public record Broadcast(Object payload) {}
