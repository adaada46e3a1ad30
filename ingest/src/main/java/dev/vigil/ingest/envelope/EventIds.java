package dev.vigil.ingest.envelope;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids for sources that send none: the same event delivered twice (a retry, the
 * other member of an HA pair) gets the same id and is applied once.
 */
public final class EventIds {
  private EventIds() {}

  /** {@code <prefix>:<sha-256 of the parts, 32 hex digits>}. */
  public static String derive(String prefix, Object... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object part : parts) {
        digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return prefix + ":" + HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
