package dev.vigil.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Builds problem-detail responses, so every service answers errors the same way. */
public final class Problems {
  private Problems() {}

  public static MutableHttpResponse<Problem> response(Problem problem) {
    return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
        .contentType(Problem.CONTENT_TYPE)
        .body(problem);
  }

  public static MutableHttpResponse<Problem> response(HttpRequest<?> request, Problem problem) {
    return response(problem.withInstance(request.getPath()));
  }

  /** 400 for input that cannot be used; {@code field} names where it went wrong. */
  public static Problem badRequest(String detail, String field) {
    return Problem.of("invalid-input", "Invalid input", 400, detail).withField(field);
  }

  /** 401: no bearer token, or one that no configured token or JWT issuer vouches for. */
  public static Problem unauthorized(String detail) {
    return Problem.of("unauthorized", "Unauthorized", 401, detail);
  }

  /** 403: a valid token that lacks the scope the path needs. */
  public static Problem forbidden(String detail) {
    return Problem.of("forbidden", "Forbidden", 403, detail);
  }

  public static Problem notFound(String detail) {
    return Problem.of("not-found", "Not found", 404, detail);
  }

  public static Problem conflict(String detail) {
    return Problem.of("conflict", "Conflict", 409, detail);
  }

  public static Problem payloadTooLarge(String detail) {
    return Problem.of("payload-too-large", "Payload too large", 413, detail);
  }

  /** 415: a body in a format the endpoint does not read. */
  public static Problem unsupportedMediaType(String detail) {
    return Problem.of("unsupported-media-type", "Unsupported media type", 415, detail);
  }

  /** 429: the caller holds as many of something (event streams) as it may. */
  public static Problem tooManyRequests(String detail) {
    return Problem.of("too-many-requests", "Too many requests", 429, detail);
  }

  public static Problem unavailable(String detail) {
    return Problem.of("unavailable", "Service unavailable", 503, detail);
  }
}
