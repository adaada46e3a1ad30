package dev.vigil.api.paging;

import dev.vigil.store.contracts.Identifiers;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key of the last row of a page, each part base64url-encoded and
 * joined with dots, so callers cannot (and need not) build one.
 */
public final class Cursor {
  /** Every part this API puts into a cursor (an id, a timestamp) is a valid resource id. */
  private static String part(String encoded) {
    try {
      String part =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(DECODER.decode(encoded)))
              .toString();
      if (Identifiers.resourceIdProblem(part).isPresent()) {
        throw new IllegalArgumentException("not a part this API writes");
      }
      return part;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8", e);
    }
  }

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursor() {}

  public static String encode(String... parts) {
    return String.join(
        ".",
        Arrays.stream(parts)
            .map(p -> ENCODER.encodeToString(p.getBytes(StandardCharsets.UTF_8)))
            .toList());
  }

  /** The parts of a cursor this API issued; 400 when it is not one. */
  public static List<String> decode(String cursor, int parts) {
    try {
      List<String> decoded = Arrays.stream(cursor.split("\\.", -1)).map(Cursor::part).toList();
      if (decoded.size() != parts) {
        throw new IllegalArgumentException("wrong number of parts");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problems.badRequest("cursor is not one this API issued; start without it", "cursor"));
    }
  }
}
