package io.loramanager.library.lifecycle;

import io.loramanager.library.ModelType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder template of {@code download_path_templates} (anchor-library §4.5), ready to give the
 * folder of a model relative to its root. Tokens: {@code {base_model}} (after {@code
 * base_model_path_mappings}), {@code {first_tag}} ({@code no tags} when none), {@code {author}},
 * {@code {model_name}} and {@code {version_name}} (both sanitized as one folder name); any other
 * text is kept as written. Pure: no file system, no settings.
 */
public final class PathTemplate {

  public static final String NO_TAGS = "no tags";

  private static final Pattern TOKEN =
      Pattern.compile("\\{(base_model|first_tag|author|model_name|version_name)}");

  private final ModelType type;
  private final String template;
  private final Map<String, String> baseModelMappings;
  private final PriorityTags priorityTags;

  public PathTemplate(
      ModelType type,
      String template,
      Map<String, String> baseModelMappings,
      PriorityTags priorityTags) {
    this.type = type;
    this.template = template == null ? "" : template;
    this.baseModelMappings = Map.copyOf(baseModelMappings);
    this.priorityTags = priorityTags;
  }

  /** True for the empty template: every model belongs directly in its root. */
  public boolean flat() {
    return template.isEmpty();
  }

  public String template() {
    return template;
  }

  /**
   * The folder of a model relative to its root, with {@code /} separators and no leading, trailing
   * or doubled {@code /}; "" for the root itself. A {@code .} or {@code ..} segment that a value
   * brought in becomes {@code _}, so the folder never leaves the root.
   */
  public String relativePath(TemplateValues values) {
    Matcher tokens = TOKEN.matcher(template);
    StringBuilder path = new StringBuilder();
    while (tokens.find()) {
      tokens.appendReplacement(path, Matcher.quoteReplacement(value(tokens.group(1), values)));
    }
    tokens.appendTail(path);
    String text = path.toString().replace('\0', '_');
    if (type == ModelType.EMBEDDING) {
      text = text.replace(' ', '_');
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (String segment : text.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (!clean.isEmpty()) {
        clean.append('/');
      }
      clean.append(segment.equals(".") || segment.equals("..") ? "_" : segment);
    }
    return clean.toString();
  }

  private String value(String token, TemplateValues values) {
    return switch (token) {
      case "base_model" -> baseModelMappings.getOrDefault(values.baseModel(), values.baseModel());
      case "first_tag" -> {
        String tag = priorityTags.resolve(values.tags());
        yield tag == null ? NO_TAGS : tag;
      }
      case "author" -> values.author();
      case "model_name" -> FolderNames.sanitize(values.modelName());
      default -> FolderNames.sanitize(values.versionName());
    };
  }
}
