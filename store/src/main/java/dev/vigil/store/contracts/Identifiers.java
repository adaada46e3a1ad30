package dev.vigil.store.contracts;

import java.util.Optional;

/**
 * What an identifier in Vigil may look like, for every module that accepts one: ingest checks the
 * resource ids and names it derives or receives, the API checks ids in paths and filter values.
 * Real ids (Kubernetes names, Azure resource ids, Docker service names, Alertmanager's {@code
 * instance} and {@code job}) fit; control characters, whitespace, quotes, {@code %}, {@code ;},
 * {@code \}, angle and curly brackets and {@code ..} path segments do not. A value that breaks a
 * rule is refused with the reason, never cleaned up silently: an id changed on the way would no
 * longer name its resource.
 */
public final class Identifiers {
  /** Longest resource id (an Azure resource id is well under 512). */
  public static final int MAX_RESOURCE_ID = 1024;

  /**
   * Longest name: type, cluster, namespace, component, code, reason, source (a DNS name is 253).
   */
  public static final int MAX_NAME = 253;

  /** Longest label value; a signal carries at most {@link #MAX_LABELS} labels. */
  public static final int MAX_LABEL_VALUE = 4096;

  public static final int MAX_LABELS = 128;

  /** Free text (a signal's message) is cut to this many characters, never refused. */
  public static final int MAX_MESSAGE = 4096;

  private Identifiers() {}

  /** Why {@code id} is not a resource id, or empty when it is one. */
  public static Optional<String> resourceIdProblem(String id) {
    return textProblem(id, MAX_RESOURCE_ID);
  }

  /** Why {@code name} is not a name (type, cluster, namespace, reason, ...), or empty. */
  public static Optional<String> nameProblem(String name) {
    return textProblem(name, MAX_NAME);
  }

  /** Why {@code value} cannot be a label value, or empty (any printable text up to the limit). */
  public static Optional<String> labelValueProblem(String value) {
    if (value.length() > MAX_LABEL_VALUE) {
      return Optional.of("is longer than " + MAX_LABEL_VALUE + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t') {
        return Optional.of("contains a control character (U+%04X)".formatted((int) c));
      }
    }
    return Optional.empty();
  }

  /** {@code text} cut to {@link #MAX_MESSAGE} characters, or null. */
  public static String clipMessage(String text) {
    if (text == null || text.length() <= MAX_MESSAGE) {
      return text;
    }
    return text.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /** ASCII characters an identifier may not contain (besides controls and whitespace). */
  private static final boolean[] FORBIDDEN = new boolean[128];

  static {
    for (char c : "\"'`\\%;<>{}|^".toCharArray()) {
      FORBIDDEN[c] = true;
    }
    for (char c = 0; c < 128; c++) {
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        FORBIDDEN[c] = true;
      }
    }
  }

  // One pass, no allocation: ingest checks several fields of every event with it.
  private static Optional<String> textProblem(String value, int max) {
    int n = value.length();
    if (n == 0) {
      return Optional.of("is empty");
    }
    if (n > max) {
      return Optional.of("is longer than " + max + " characters");
    }
    int segmentStart = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? value.charAt(i) : '/';
      if (c == '/') {
        int length = i - segmentStart;
        if ((length == 1 || length == 2)
            && value.charAt(segmentStart) == '.'
            && (length == 1 || value.charAt(segmentStart + 1) == '.')) {
          return Optional.of(
              "must not contain a '" + value.substring(segmentStart, i) + "' path segment");
        }
        segmentStart = i + 1;
      } else if (c < 128 ? FORBIDDEN[c] : forbiddenBeyondAscii(c)) {
        return Optional.of(describe(c));
      }
    }
    return Optional.empty();
  }

  private static boolean forbiddenBeyondAscii(char c) {
    return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static String describe(char c) {
    if (Character.isISOControl(c)) {
      return "contains a control character (U+%04X)".formatted((int) c);
    }
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return "contains whitespace";
    }
    return "contains '" + c + "'";
  }
}
