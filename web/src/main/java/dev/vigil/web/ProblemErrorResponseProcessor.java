package dev.vigil.web;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Makes the framework's own errors (unknown route, unreadable body, bad parameter, unexpected
 * exception) problem details too, so a client parses one error format everywhere.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  @Override
  @NonNull
  public MutableHttpResponse<Problem> processResponse(
      @NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
    int status = response.code();
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      return response.contentType(Problem.CONTENT_TYPE).body(null);
    }
    String detail =
        context.hasErrors()
            ? context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "))
            : response.reason();
    if (status >= 500) {
      // Never echo internals (SQL, stack traces) to a caller: the log has them.
      detail = "internal error; the service log has the details";
    }
    String field =
        context.getErrors().stream()
            .map(Error::getPath)
            .flatMap(p -> p.stream())
            .findFirst()
            .orElse(null);
    Problem problem =
        Problem.of(slug(status), response.reason(), status, detail)
            .withInstance(context.getRequest().getPath())
            .withField(field);
    return response.contentType(Problem.CONTENT_TYPE).body(problem);
  }

  static String slug(int status) {
    return switch (status) {
      case 400 -> "invalid-input";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 409 -> "conflict";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 429 -> "too-many-requests";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal-error" : "http-" + status;
    };
  }
}
