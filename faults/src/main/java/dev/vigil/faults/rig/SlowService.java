package dev.vigil.faults.rig;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.HostConfig;
import dev.vigil.testkit.TestDocker;
import dev.vigil.testkit.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Docker service on the real daemon whose new replicas take a while to become ready, so a fault
 * lands while {@code docker.scale} waits for readiness: replica 1 serves at once; every replica the
 * scale-up creates sleeps {@code readyAfter} before it serves its probe path. Labelled as Vigil
 * finds services ({@code vigil.service}, {@code vigil.slot}, {@code vigil.port}, {@code
 * vigil.probe.path}) and with {@code vigil.faults=<run>} for clean-up.
 */
public final class SlowService {
  private final DockerClient docker;
  private final String name;
  private final Instant createdAfter;

  private SlowService(DockerClient docker, String name, Instant createdAfter) {
    this.docker = docker;
    this.name = name;
    this.createdAfter = createdAfter;
  }

  public static SlowService start(String name, String run, Duration readyAfter) {
    DockerClient docker = TestDocker.client();
    String image = TestImages.busyboxHttpd();
    TestDocker.removeContainersLabelled("vigil.service", name);
    int base = TestDocker.freePortBlock(4);
    String serve = "exec busybox httpd -f -p 127.0.0.1:$PORT -h /www";
    String cmd =
        "if [ \"$PORT\" = \"%d\" ]; then %s; else sleep %d; %s; fi"
            .formatted(base, serve, readyAfter.toSeconds(), serve);
    String id =
        docker
            .createContainerCmd(image)
            .withName(name + "-1")
            .withLabels(
                Map.of(
                    "vigil.service",
                    name,
                    "vigil.slot",
                    "1",
                    "vigil.port",
                    String.valueOf(base),
                    "vigil.probe.path",
                    TestImages.HEALTH_PATH,
                    "vigil.faults",
                    run))
            .withEnv("PORT=" + base)
            .withCmd("sh", "-c", cmd)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
    awaitServing(base);
    // events are counted from the next whole second on, after replica 1 was created
    Pause.millis(1100);
    return new SlowService(docker, name, Instant.now());
  }

  public String name() {
    return name;
  }

  /** Running containers of the service. */
  public List<Container> running() {
    return docker.listContainersCmd().withLabelFilter(Map.of("vigil.service", name)).exec();
  }

  /** Every container of the service, running or not. */
  public List<Container> all() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("vigil.service", name))
        .exec();
  }

  /**
   * Containers the daemon created for this service since it started: the effects, as Docker saw
   * them.
   */
  public int creates() {
    List<Event> events = new ArrayList<>();
    long since = createdAfter.getEpochSecond();
    long until = Instant.now().getEpochSecond() + 1;
    try (ResultCallback.Adapter<Event> callback =
        docker
            .eventsCmd()
            .withSince(Long.toString(since))
            .withUntil(Long.toString(until))
            .withLabelFilter(Map.of("vigil.service", name))
            .withEventFilter("create")
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Event event) {
                    events.add(event);
                  }
                })) {
      callback.awaitCompletion(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return events.size();
  }

  public void remove() {
    TestDocker.removeContainersLabelled("vigil.service", name);
  }

  private static void awaitServing(int port) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Pause.until(
        "replica 1 serving on " + port,
        Duration.ofSeconds(30),
        () -> {
          try {
            return http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + TestImages.HEALTH_PATH))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException notYet) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
  }
}
