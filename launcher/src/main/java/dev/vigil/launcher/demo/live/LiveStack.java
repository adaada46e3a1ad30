package dev.vigil.launcher.demo.live;

import com.github.dockerjava.api.DockerClient;
import dev.vigil.launcher.DevStack;
import dev.vigil.launcher.DockerProbe;
import dev.vigil.launcher.demo.DemoImage;
import dev.vigil.launcher.demo.DemoMain;
import dev.vigil.launcher.demo.DemoService;
import dev.vigil.launcher.demo.Incidents;
import dev.vigil.launcher.demo.VigilHttp;
import dev.vigil.temporaldev.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the live loop runs on, started in order and stopped in reverse: Vigil (the local stack
 * of {@code ./vigil dev}), Alertmanager (webhooks to Vigil's ingest), Prometheus (Docker discovery,
 * the shipped rules), HAProxy with its label watcher, and the monitor.
 */
final class LiveStack implements AutoCloseable {
  /** Server slots HAProxy keeps for the service's replicas. */
  static final int BALANCER_SLOTS = 4;

  final LiveOptions options;
  final Transcript out;
  final DevStack vigil;
  final DockerClient docker;
  final AlertRules rules;
  final LocalAlertmanager alertmanager;
  final LocalPrometheus prometheus;
  final LocalHaproxy balancer;
  final LabelWatcher watcher;
  final LiveMonitor monitor;
  final Incidents incidents;

  private final Deque<AutoCloseable> started;

  private LiveStack(Builder b) {
    this.options = b.options;
    this.out = b.out;
    this.vigil = b.vigil;
    this.docker = b.docker;
    this.rules = b.rules;
    this.alertmanager = b.alertmanager;
    this.prometheus = b.prometheus;
    this.balancer = b.balancer;
    this.watcher = b.watcher;
    this.monitor = b.monitor;
    this.incidents = b.incidents;
    this.started = b.started;
  }

  static LiveStack start(LiveOptions options, Transcript out) throws Exception {
    Builder b = new Builder(options, out);
    try {
      b.startAll();
    } catch (Exception | Error e) {
      b.closeAll();
      throw e;
    }
    return new LiveStack(b);
  }

  String resourceId() {
    return "docker/service/" + options.service();
  }

  Path dir(String name) {
    return options.dataDir().resolve(name);
  }

  @Override
  public void close() {
    closeAll(started, docker, options.service(), out);
  }

  private static void closeAll(
      Deque<AutoCloseable> started, DockerClient docker, String service, Transcript out) {
    if (docker != null) {
      try {
        DemoService.removeAll(docker, service);
      } catch (RuntimeException e) {
        out.say("could not remove the containers of " + service + ": " + e.getMessage());
      }
    }
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        out.say("stopping failed: " + e);
      }
    }
  }

  /** Holds what has started so far, so a failed start stops exactly that. */
  private static final class Builder {
    final LiveOptions options;
    final Transcript out;
    final Deque<AutoCloseable> started = new ArrayDeque<>();
    DevStack vigil;
    DockerClient docker;
    AlertRules rules;
    LocalAlertmanager alertmanager;
    LocalPrometheus prometheus;
    LocalHaproxy balancer;
    LabelWatcher watcher;
    LiveMonitor monitor;
    Incidents incidents;

    Builder(LiveOptions options, Transcript out) {
      this.options = options;
      this.out = out;
    }

    void startAll() throws Exception {
      rules = AlertRules.load(options.rulesFile());
      Path data = options.dataDir();
      Files.createDirectories(data);
      docker = DockerProbe.client();
      started.push(docker);
      DemoImage.ensure(docker);
      out.say("starting Vigil (PostgreSQL, Kafka, Temporal, ingest + api + worker)...");
      vigil =
          DevStack.start(DemoMain.demoOptions(data.resolve("vigil"), options.httpPort(), false));
      started.push(vigil);
      out.say("Vigil is up at " + vigil.baseUrl() + " (dev token " + vigil.devToken() + ")");
      alertmanager =
          LocalAlertmanager.start(
              data.resolve("alertmanager"),
              LoopbackPorts.free(),
              vigil.baseUrl(),
              vigil.devToken(),
              options.timings());
      started.push(alertmanager);
      out.say(
          "Alertmanager on 127.0.0.1:"
              + alertmanager.port()
              + " -> webhooks to "
              + vigil.baseUrl()
              + "/v1/ingest/alertmanager");
      prometheus =
          LocalPrometheus.start(
              data.resolve("prometheus"),
              LoopbackPorts.free(),
              options.service(),
              DockerProbe.host(),
              alertmanager.port(),
              rules.shortened(options.timings()),
              options.timings());
      started.push(prometheus);
      out.say(
          "Prometheus on "
              + prometheus.base()
              + ": docker_sd_configs (label vigil.service="
              + options.service()
              + "), rules from "
              + options.rulesFile());
      balancer =
          LocalHaproxy.start(
              data.resolve("haproxy"), LoopbackPorts.free(), LoopbackPorts.free(), BALANCER_SLOTS);
      started.push(balancer);
      out.say(
          "HAProxy on 127.0.0.1:"
              + balancer.port()
              + " (runtime API for the label watcher; health check GET /health)");
      watcher = new LabelWatcher(docker, balancer, options.service(), out);
      started.push(watcher);
      watcher.start(options.timings());
      incidents = new Incidents(new VigilHttp(vigil.baseUrl(), vigil.devToken()));
      monitor =
          new LiveMonitor(
              docker, prometheus, balancer, incidents, options.service(), out, options.timings());
      started.push(monitor);
      monitor.start();
    }

    void closeAll() {
      LiveStack.closeAll(started, docker, options.service(), out);
    }
  }
}
