package dev.vigil.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail, the body of every Vigil HTTP error ({@code
 * application/problem+json}).
 *
 * @param type a URI naming the kind of problem ({@code https://vigil.dev/problems/<slug>})
 * @param title short, the same for every occurrence of the type
 * @param status the HTTP status
 * @param detail this occurrence, in words a caller can act on
 * @param instance the request path
 * @param field the offending input field, as a JSON path ({@code alerts[2].labels}), when there is
 *     one
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    @Nullable String field) {

  public static final String CONTENT_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://vigil.dev/problems/";

  /** A problem whose type is {@code TYPE_BASE + slug}. */
  public static Problem of(String slug, String title, int status, String detail) {
    return new Problem(TYPE_BASE + slug, title, status, detail, null, null);
  }

  public Problem withField(String jsonPath) {
    return new Problem(type, title, status, detail, instance, jsonPath);
  }

  public Problem withInstance(String path) {
    return new Problem(type, title, status, detail, path, field);
  }
}
