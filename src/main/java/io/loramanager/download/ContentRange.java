package io.loramanager.download;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code Content-Range: bytes start-end/total} header of a 206 answer. */
record ContentRange(long start, long end, OptionalLong total) {

  private static final Pattern FORMAT =
      Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*", Pattern.CASE_INSENSITIVE);

  static Optional<ContentRange> parse(HttpHeaders headers) {
    return headers.firstValue("Content-Range").flatMap(ContentRange::parse);
  }

  static Optional<ContentRange> parse(String value) {
    Matcher matcher = FORMAT.matcher(value);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      long start = Long.parseLong(matcher.group(1));
      long end = Long.parseLong(matcher.group(2));
      OptionalLong total =
          matcher.group(3).equals("*")
              ? OptionalLong.empty()
              : OptionalLong.of(Long.parseLong(matcher.group(3)));
      return end < start ? Optional.empty() : Optional.of(new ContentRange(start, end, total));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }
}
