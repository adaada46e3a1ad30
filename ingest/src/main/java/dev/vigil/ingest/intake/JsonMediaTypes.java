package dev.vigil.ingest.intake;

import java.util.Locale;

/**
 * Which {@code Content-Type}s the receivers read as JSON: none at all (curl without a header, some
 * webhook senders), {@code application/json}, any {@code application/*+json} (CloudEvents), JSON
 * lines ({@code application/x-ndjson}, {@code application/jsonl}, {@code application/json-seq}) and
 * {@code text/plain} (log shippers forwarding eventrouter's lines). Anything else, XML, forms,
 * multipart, HTML or octet streams, is refused with 415 rather than guessed at.
 */
public final class JsonMediaTypes {
  private JsonMediaTypes() {}

  public static boolean readable(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"))
        || type.equals("application/x-ndjson")
        || type.equals("application/jsonl")
        || type.equals("application/json-seq")
        || type.equals("text/plain")
        || type.equals("*/*");
  }
}
