package dev.vigil.ingest.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bearer tokens the ingest tests configure as hashed tokens ({@code vigil.security.token-list}),
 * the way an operator does: only the SHA-256 of each token is in the configuration.
 */
public final class IngestTokens {
  /** Has {@code ingest:write}: what Alertmanager sends as its webhook credentials. */
  public static final String INGEST = "ingest-writer-token";

  /** Has only {@code state:read}: must be refused on the ingest endpoints. */
  public static final String READ_ONLY = "state-reader-token";

  private IngestTokens() {}

  public static String tokenList() {
    return "alertmanager:"
        + sha256(INGEST)
        + ":ingest:write;grafana:"
        + sha256(READ_ONLY)
        + ":state:read";
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
