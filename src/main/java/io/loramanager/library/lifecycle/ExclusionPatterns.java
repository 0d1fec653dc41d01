package io.loramanager.library.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The glob patterns of {@code auto_organize_exclusions} (or of a request), matched as Python's
 * {@code fnmatch} does on POSIX: {@code *} is any text (slashes too), {@code ?} one character,
 * {@code [abc]}/{@code [!abc]} a set; case counts; an unclosed {@code [} is a plain character. A
 * model is excluded when its file name, its path relative to its root, or its full path matches.
 */
public final class ExclusionPatterns {

  private final List<String> globs;
  private final List<Pattern> patterns;

  private ExclusionPatterns(List<String> globs) {
    this.globs = List.copyOf(globs);
    this.patterns = globs.stream().map(ExclusionPatterns::compile).toList();
  }

  /**
   * The patterns normalised: each item may hold several separated by commas, semicolons or new
   * lines; blanks are dropped, repeats kept once, backslashes read as {@code /}.
   */
  public static ExclusionPatterns of(List<String> items) {
    Set<String> globs = new LinkedHashSet<>();
    for (String item : items) {
      for (String part : item.split("[,;\n]")) {
        String glob = part.strip().replace('\\', '/');
        if (!glob.isEmpty()) {
          globs.add(glob);
        }
      }
    }
    return new ExclusionPatterns(new ArrayList<>(globs));
  }

  public List<String> globs() {
    return globs;
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** True when any pattern matches the file name, the root-relative path or the full path. */
  public boolean excludes(String fileName, String relativePath, String fullPath) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(fileName).matches()
          || pattern.matcher(relativePath).matches()
          || pattern.matcher(fullPath).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Python's {@code fnmatch.translate}. */
  static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i++);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && glob.charAt(j) == '!') {
          j++;
        }
        if (j < n && glob.charAt(j) == ']') {
          j++;
        }
        while (j < n && glob.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          regex.append("\\[");
        } else {
          String set = glob.substring(i, j);
          i = j + 1;
          StringBuilder cls = new StringBuilder("[");
          int k = 0;
          if (set.startsWith("!")) {
            cls.append('^');
            k = 1;
          }
          for (; k < set.length(); k++) {
            char s = set.charAt(k);
            if (s == '\\' || s == '[' || s == '&' || s == '~' || s == '|' || s == '^') {
              cls.append('\\');
            }
            cls.append(s);
          }
          regex.append(cls).append(']');
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
