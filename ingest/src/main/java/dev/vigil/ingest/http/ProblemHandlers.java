package dev.vigil.ingest.http;

import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.intake.PayloadTooLargeException;
import dev.vigil.ingest.intake.SignalBusUnavailableException;
import dev.vigil.ingest.intake.UnsupportedMediaTypeException;
import dev.vigil.web.Problem;
import dev.vigil.web.Problems;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the receivers' failures to problem details ({@code application/problem+json}): 400 naming
 * the field, 413 over the size limit, 415 for a body that is not JSON, 503 with {@code Retry-After}
 * while Kafka is unavailable (so Alertmanager retries).
 */
@Factory
public class ProblemHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

  @Singleton
  ExceptionHandler<InvalidSignalException, HttpResponse<?>> invalidSignal() {
    return (request, e) ->
        Problems.response(request, Problems.badRequest(e.getMessage(), e.field()));
  }

  @Singleton
  ExceptionHandler<UnsupportedMediaTypeException, HttpResponse<?>> unsupportedMediaType() {
    return (request, e) ->
        Problems.response(request, Problems.unsupportedMediaType(e.getMessage()));
  }

  @Singleton
  ExceptionHandler<PayloadTooLargeException, HttpResponse<?>> payloadTooLarge() {
    return (request, e) -> Problems.response(request, Problems.payloadTooLarge(e.getMessage()));
  }

  @Singleton
  ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> contentLengthExceeded() {
    return (request, e) -> tooLarge(request, e.getMessage());
  }

  @Singleton
  ExceptionHandler<SignalBusUnavailableException, HttpResponse<?>> busUnavailable(
      @Value("${vigil.ingest.retry-after:5s}") Duration retryAfter) {
    return (request, e) -> {
      LOG.warn("answering 503 to {}: {}", request.getPath(), e.getMessage());
      return Problems.response(request, Problems.unavailable(e.getMessage()))
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
    };
  }

  private static HttpResponse<Problem> tooLarge(HttpRequest<?> request, String detail) {
    return Problems.response(request, Problems.payloadTooLarge(detail));
  }
}
