package io.loramanager.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A problem found at start-up that the client shows to the user, in the reference's shape ({@code
 * SettingsManager._add_startup_message}).
 */
@RegisterForReflection
public record StartupMessage(
    String code,
    String title,
    String message,
    String severity,
    boolean dismissible,
    String details,
    @JsonProperty("settings_file") String settingsFile) {}
