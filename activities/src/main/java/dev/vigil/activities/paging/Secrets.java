package dev.vigil.activities.paging;

/** Keeps secrets (routing keys, webhook URLs with tokens) out of logs and failure messages. */
final class Secrets {
  static final String MASK = "****";

  private Secrets() {}

  static String mask(String secret) {
    return secret == null || secret.isBlank() ? "<unset>" : MASK;
  }

  /** {@code text} with every occurrence of {@code secret} replaced by the mask. */
  static String scrub(String text, String secret) {
    if (text == null || secret == null || secret.isBlank()) {
      return text;
    }
    return text.replace(secret, MASK);
  }
}
