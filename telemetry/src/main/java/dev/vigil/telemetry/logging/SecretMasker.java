package dev.vigil.telemetry.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks secrets that end up in log text anyway: bearer tokens, and the values of anything called a
 * token, routing key, password, secret or API key ({@code key=value}, {@code key: value}, JSON
 * {@code "key":"value"}). The last resort behind "never log secrets", not a licence to log them.
 */
public final class SecretMasker {
  public static final String MASK = "****";

  private static final List<Pattern> PATTERNS =
      List.of(
          Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[A-Za-z0-9._~+/=-]+"),
          Pattern.compile(
              "(?i)(\\b(?:routing[_.-]?key|integration[_.-]?key|api[_.-]?key|access[_.-]?token"
                  + "|token|tokens|token[_.-]?list|password|passwd|secret|client[_.-]?secret)\"?\\s*[:=]\\s*\"?)(?!\\*\\*\\*\\*)[^\\s\"',;&}\\]]+"));

  private SecretMasker() {}

  /** The text with every secret value replaced by {@link #MASK}. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    for (Pattern pattern : PATTERNS) {
      masked = pattern.matcher(masked).replaceAll("$1" + MASK);
    }
    return masked;
  }
}
