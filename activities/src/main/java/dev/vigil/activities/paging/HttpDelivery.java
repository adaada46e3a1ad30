package dev.vigil.activities.paging;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HTTP request for a sink, resending on 408, 429, 5xx and connection errors with
 * exponential backoff (honouring {@code Retry-After} up to the cap) at most {@code maxAttempts}
 * times, then fails retryably so Temporal tries again later. Any other answer is returned for the
 * sink to judge.
 */
final class HttpDelivery {
  /** Failure type when the sink stayed unavailable through every resend (retryable). */
  static final String UNAVAILABLE = "PagingUnavailable";

  private static final Logger log = LoggerFactory.getLogger(HttpDelivery.class);

  private final String sink;
  private final HttpClient http;
  private final PagingConfig config;
  private final String secret;

  /**
   * @param secret a value that must never reach a log or failure message (routing key, webhook URL)
   */
  HttpDelivery(String sink, PagingConfig config, String secret) {
    this.sink = sink;
    this.config = config;
    this.secret = secret;
    this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
  }

  HttpResponse<String> send(HttpRequest request) {
    Duration backoff = config.initialBackoff();
    int maxAttempts = Math.max(1, config.maxAttempts());
    for (int attempt = 1; ; attempt++) {
      String problem;
      Duration pause = backoff;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int code = response.statusCode();
        if (!isTransient(code)) {
          return response;
        }
        problem = "HTTP " + code;
        pause = retryAfter(response).orElse(backoff);
      } catch (IOException e) {
        problem =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(sink + " delivery interrupted", UNAVAILABLE);
      }
      problem = Secrets.scrub(problem, secret);
      if (attempt >= maxAttempts) {
        throw ApplicationFailure.newFailure(
            sink + " unavailable after " + attempt + " attempt(s): " + problem, UNAVAILABLE);
      }
      log.warn(
          "{} answered {} (attempt {}/{}), resending in {} ms",
          sink,
          problem,
          attempt,
          maxAttempts,
          pause.toMillis());
      sleep(pause);
      backoff = min(backoff.multipliedBy(2), config.maxBackoff());
    }
  }

  static boolean isTransient(int code) {
    return code == 408 || code == 429 || code >= 500;
  }

  private Optional<Duration> retryAfter(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .map(d -> min(d, config.maxBackoff()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(sink + " delivery interrupted", UNAVAILABLE);
    }
  }
}
