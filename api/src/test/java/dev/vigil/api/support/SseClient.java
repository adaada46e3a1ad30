package dev.vigil.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A minimal server-sent-events reader on the JDK HTTP client: events and comment lines. */
public final class SseClient implements AutoCloseable {
  /** One dispatched event. */
  public record SseEvent(String id, String name, String data) {}

  public final List<SseEvent> events = new CopyOnWriteArrayList<>();
  public final List<String> comments = new CopyOnWriteArrayList<>();
  public volatile int status;
  public volatile String contentType;
  private volatile Stream<String> lines;
  private final Thread reader;

  public SseClient(String url, String token, String lastEventId) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpRequest request = b.build();
    reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    HttpResponse<Stream<String>> response =
                        HttpClient.newHttpClient()
                            .send(request, HttpResponse.BodyHandlers.ofLines());
                    contentType = response.headers().firstValue("Content-Type").orElse("");
                    status = response.statusCode();
                    lines = response.body();
                    read(lines);
                  } catch (Exception e) {
                    // closed by the test, or by the server
                  }
                });
  }

  private void read(Stream<String> stream) {
    String[] id = {null};
    String[] name = {null};
    StringBuilder data = new StringBuilder();
    stream.forEach(
        line -> {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              events.add(new SseEvent(id[0], name[0], data.toString()));
            }
            data.setLength(0);
            name[0] = null;
          } else if (line.startsWith(":")) {
            comments.add(line.substring(1).trim());
          } else if (line.startsWith("id:")) {
            id[0] = line.substring(3).trim();
          } else if (line.startsWith("event:")) {
            name[0] = line.substring(6).trim();
          } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
              data.append('\n');
            }
            data.append(line.substring(5).stripLeading());
          }
        });
  }

  public List<String> ids() {
    return events.stream().map(SseEvent::id).toList();
  }

  @Override
  public void close() {
    Stream<String> s = lines;
    if (s != null) {
      s.close();
    }
    reader.interrupt();
  }
}
