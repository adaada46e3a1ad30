package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The REST API as the commands need it: JSON in and out over the JDK's HttpClient with the bearer
 * token; every failure becomes a {@link CliException} with its exit code and one line to show (the
 * problem detail's title and detail when the server sent one).
 */
public final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final CliConfig config;
  private final HttpClient http;

  public ApiClient(CliConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** A path segment: ids contain slashes, so {@code /} becomes {@code %2F}. */
  public static String enc(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public JsonNode get(String path, Map<String, String> query) {
    return send(request(path, query).GET().build());
  }

  public JsonNode post(String path, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return send(
        request(path, Map.of())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /**
   * Every item of a paged list ({@code {items, nextCursor}}), page after page, until {@code max}
   * items or the last page. {@code more[0]} tells whether items were left.
   */
  public List<JsonNode> list(String path, Map<String, String> query, int max, boolean[] more) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    more[0] = false;
    while (true) {
      Map<String, String> q = new LinkedHashMap<>(query);
      q.put("limit", String.valueOf(Math.min(500, Math.max(1, max - items.size() + 1))));
      if (cursor != null) {
        q.put("cursor", cursor);
      }
      JsonNode page = get(path, q);
      for (JsonNode item : page.path("items")) {
        if (items.size() == max) {
          more[0] = true;
          return items;
        }
        items.add(item);
      }
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
      if (cursor == null) {
        return items;
      }
      if (items.size() == max) {
        more[0] = true;
        return items;
      }
    }
  }

  /** One server-sent event. */
  public record SseEvent(String id, String event, String data) {}

  /**
   * Follows a server-sent event stream, handing each event to {@code handler} until it answers
   * false or the server ends the stream.
   */
  public void stream(String path, Map<String, String> query, Predicate<SseEvent> handler) {
    HttpRequest request = request(path, query).header("Accept", "text/event-stream").GET().build();
    HttpResponse<Stream<String>> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.SERVER_ERROR, "interrupted");
    }
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() >= 400) {
        throw problem(response.statusCode(), lines.collect(Collectors.joining("\n")), request);
      }
      String id = null;
      String event = "message";
      StringBuilder data = new StringBuilder();
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            if (!handler.test(new SseEvent(id, event, data.toString()))) {
              return;
            }
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          continue; // comment: heartbeat
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> {
              if (!data.isEmpty()) {
                data.append('\n');
              }
              data.append(value);
            }
            default -> {}
          }
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new CliException(
          ExitCodes.UNREACHABLE,
          "the event stream from " + config.server() + " broke: " + e.getCause());
    }
    throw new CliException(ExitCodes.UNREACHABLE, "the server ended the event stream");
  }

  private HttpRequest.Builder request(String path, Map<String, String> query) {
    StringBuilder uri = new StringBuilder(config.server().toString()).append(path);
    String sep = "?";
    for (Map.Entry<String, String> q : query.entrySet()) {
      if (q.getValue() != null && !q.getValue().isBlank()) {
        uri.append(sep)
            .append(q.getKey())
            .append('=')
            .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
        sep = "&";
      }
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri.toString()));
    b.header("Accept", "application/json").header("User-Agent", "vigil-cli");
    if (config.token() != null) {
      b.header("Authorization", "Bearer " + config.token());
    }
    return b;
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(request, (n, v) -> true).timeout(REQUEST_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.SERVER_ERROR, "interrupted");
    }
    if (response.statusCode() >= 400) {
      throw problem(response.statusCode(), response.body(), request);
    }
    try {
      String body = response.body();
      return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.SERVER_ERROR,
          "unreadable answer from " + request.method() + " " + request.uri().getPath());
    }
  }

  private CliException unreachable(IOException e) {
    String why =
        e instanceof HttpConnectTimeoutException
            ? "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s"
            : e instanceof HttpTimeoutException
                ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                : e instanceof ConnectException
                    ? "connection refused"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CliException(
        ExitCodes.UNREACHABLE,
        "cannot reach the Vigil API at "
            + config.server()
            + ": "
            + why
            + " (--server, VIGIL_SERVER)",
        e);
  }

  /** The problem detail (RFC 9457) as one line, e.g. {@code not found: no resource x (404)}. */
  private CliException problem(int status, String body, HttpRequest request) {
    String title = null;
    String detail = null;
    try {
      JsonNode p = JSON.readTree(body == null ? "" : body);
      if (p != null && p.isObject()) {
        title = p.path("title").isTextual() ? p.path("title").asText() : null;
        detail = p.path("detail").isTextual() ? p.path("detail").asText() : null;
      }
    } catch (IOException notJson) {
      // keep the status line
    }
    StringBuilder line = new StringBuilder();
    line.append(title == null ? "HTTP " + status : title.toLowerCase(java.util.Locale.ROOT));
    if (detail != null) {
      line.append(": ").append(detail);
    }
    line.append(" (").append(status);
    if (title == null) {
      line.append(" from ").append(request.method()).append(' ').append(request.uri().getPath());
    }
    line.append(')');
    if (status == 401) {
      line.append(config.token() == null ? "; no token sent: " : "; token from ")
          .append(config.tokenSource());
    }
    return new CliException(ExitCodes.ofStatus(status), line.toString().replace('\n', ' '));
  }
}
