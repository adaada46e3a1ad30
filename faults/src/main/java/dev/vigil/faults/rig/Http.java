package dev.vigil.faults.rig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suite's HTTP client. Counts every answer by class, so a scenario can report its 5xx; an
 * answer that never came (connection refused, timeout) counts as an error, not as a 5xx.
 */
public final class Http {
  /** One answer. */
  public record Response(
      int status, Map<String, java.util.List<String>> headers, String body, long millis) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  public Response get(String url, String token) {
    return send(builder(url, token).GET());
  }

  public Response post(String url, String token, String contentType, byte[] body) {
    HttpRequest.Builder b = builder(url, token).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  public Response postJson(String url, String token, String json) {
    return post(
        url, token, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A request the caller built (odd methods, headers, raw URIs). */
  public Response send(HttpRequest.Builder request) {
    requests.incrementAndGet();
    long start = System.nanoTime();
    try {
      HttpResponse<String> r =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 500) {
        serverErrors.incrementAndGet();
      }
      return new Response(
          r.statusCode(), r.headers().map(), r.body(), (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      return new Response(-1, Map.of(), e.toString(), (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends and reads only the status and headers, then closes the body: for answers that may be an
   * endless stream (server-sent events).
   */
  public Response sendHeadersOnly(HttpRequest.Builder request) {
    requests.incrementAndGet();
    long start = System.nanoTime();
    try {
      HttpResponse<java.io.InputStream> r =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      String body = "";
      try (java.io.InputStream in = r.body()) {
        if (!String.valueOf(r.headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/event-stream")) {
          body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
      if (r.statusCode() >= 500) {
        serverErrors.incrementAndGet();
      }
      return new Response(
          r.statusCode(), r.headers().map(), body, (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      return new Response(-1, Map.of(), e.toString(), (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpRequest.Builder builder(String url, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /** 5xx answers so far. */
  public long serverErrors() {
    return serverErrors.get();
  }

  public long requests() {
    return requests.get();
  }
}
