package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a value of one setting must look like. {@link #check} answers null when the value is fine,
 * else a message that names the key (nested ones as {@code folder_paths.loras[1]}) and never echoes
 * the value itself, which may be a secret.
 */
@FunctionalInterface
interface SettingRule {

  String check(String key, JsonNode value);

  SettingRule TEXT = (key, value) -> value.isTextual() ? null : key + " must be a string";

  SettingRule FLAG = (key, value) -> value.isBoolean() ? null : key + " must be true or false";

  SettingRule TEXTS =
      (key, value) -> {
        if (!value.isArray()) {
          return key + " must be a list of strings";
        }
        for (JsonNode item : value) {
          if (!item.isTextual()) {
            return key + " must be a list of strings";
          }
        }
        return null;
      };

  /** An object whose values are strings ({@code download_path_templates}, ...). */
  SettingRule TEXT_MAP =
      (key, value) -> {
        if (!value.isObject()) {
          return key + " must be an object of strings";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (!field.getValue().isTextual()) {
            return key + "." + field.getKey() + " must be a string";
          }
        }
        return null;
      };

  /** {@code folder_paths}: an object of folder kinds, each a list of absolute paths. */
  SettingRule FOLDER_MAP =
      (key, value) -> {
        if (!value.isObject()) {
          return key + " must be an object of folder lists, e.g. {\"loras\": [\"/models/loras\"]}";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String kind = key + "." + field.getKey();
          String problem = TEXTS.check(kind, field.getValue());
          if (problem != null) {
            return problem;
          }
          int i = 0;
          for (JsonNode path : field.getValue()) {
            if (!isAbsolute(path.asText())) {
              return kind + "[" + i + "] must be an absolute path";
            }
            i++;
          }
        }
        return null;
      };

  /** A host name with an optional port, or empty for the default ({@code civitai_host}). */
  SettingRule HOST =
      new SettingRule() {
        private final Pattern host = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*)(:[0-9]{1,5})?");

        @Override
        public String check(String key, JsonNode value) {
          if (value.isTextual()
              && (value.asText().isEmpty() || host.matcher(value.asText()).matches())) {
            return null;
          }
          return key + " must be a host name such as civitai.com (no scheme, no path)";
        }
      };

  /** A port as the reference stores it (a string, possibly empty) or as a number. */
  SettingRule PORT =
      (key, value) -> {
        String text =
            value.isIntegralNumber() ? value.asText() : value.isTextual() ? value.asText() : null;
        if (text != null && text.isEmpty()) {
          return null;
        }
        if (text != null && text.matches("[0-9]{1,5}")) {
          int port = Integer.parseInt(text);
          if (port >= 1 && port <= 65535) {
            return null;
          }
        }
        return key + " must be a port from 1 to 65535";
      };

  /** Empty, or an absolute path of an existing folder ({@code example_images_path}). */
  SettingRule EXISTING_FOLDER =
      (key, value) -> {
        if (!value.isTextual()) {
          return key + " must be a string";
        }
        String text = value.asText();
        if (text.isEmpty()) {
          return null;
        }
        if (!isAbsolute(text)) {
          return key + " must be an absolute path";
        }
        return Files.isDirectory(Path.of(text))
            ? null
            : key + " must be an existing folder: " + text + " does not exist";
      };

  /** A string among {@code allowed}. */
  static SettingRule oneOf(String... allowed) {
    List<String> values = List.of(allowed);
    return (key, value) ->
        value.isTextual() && values.contains(value.asText())
            ? null
            : key + " must be one of " + String.join(", ", values);
  }

  /** A whole number from {@code min} to {@code max}. */
  static SettingRule wholeNumber(int min, int max) {
    return (key, value) ->
        value.isIntegralNumber()
                && value.canConvertToInt()
                && value.asInt() >= min
                && value.asInt() <= max
            ? null
            : key + " must be a whole number from " + min + " to " + max;
  }

  private static boolean isAbsolute(String path) {
    try {
      return !path.isBlank() && Path.of(path).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
