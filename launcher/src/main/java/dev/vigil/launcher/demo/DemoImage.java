package dev.vigil.launcher.demo;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.vigil.images.BusyboxImage;
import dev.vigil.launcher.DockerProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's service image, built locally (no registry needed): the host's static busybox with an
 * applet link per command, {@code /www/health}, and two CGI scripts for the live demo: {@code
 * /cgi-bin/work?ms=N} burns N ms of the replica's CPU per request (measured on its own clock in
 * {@code /proc/self/schedstat}, so the load means the same on a fast or a busy machine) and {@code
 * /cgi-bin/metrics} reports the container's own cgroup CPU time as {@code
 * container_cpu_usage_seconds_total} (cAdvisor's name) in Prometheus text. Imported as {@link
 * #REFERENCE} by {@link BusyboxImage}, the recipe testkit's test image uses too.
 */
public final class DemoImage {
  /** Bump the tag when the content changes: an existing image of the same tag is reused. */
  public static final String REFERENCE = "vigil-demo/busybox-httpd:2";

  /** Burns {@code ms} (query string, default 10) ms of CPU, then answers which port served. */
  static final String WORK_CGI =
      """
      #!/bin/sh
      ns=10000000
      case "$QUERY_STRING" in ms=[0-9]*) ns=$(( ${QUERY_STRING#ms=} * 1000000 )) ;; esac
      read -r start rest < /proc/self/schedstat
      now=$start
      while [ $((now - start)) -lt $ns ]; do read -r now rest < /proc/self/schedstat; done
      printf 'Content-Type: text/plain\r\n\r\nburned %s ms of CPU on port %s\n' $(( (now - start) / 1000000 )) "$PORT"
      """;

  /** The container's cgroup CPU time (cgroup v2 {@code cpu.stat}, else v1 {@code cpuacct}). */
  static final String METRICS_CGI =
      """
      #!/bin/sh
      if [ -r /sys/fs/cgroup/cpu.stat ]; then
        while read -r key value; do [ "$key" = usage_usec ] && ns=$((value * 1000)); done < /sys/fs/cgroup/cpu.stat
      else
        read -r ns < /sys/fs/cgroup/cpuacct/cpuacct.usage
      fi
      printf 'Content-Type: text/plain; version=0.0.4\r\n\r\n'
      printf '# HELP container_cpu_usage_seconds_total CPU time used by this container (its cgroup).\n'
      printf '# TYPE container_cpu_usage_seconds_total counter\n'
      printf 'container_cpu_usage_seconds_total %d.%09d\n' $((ns / 1000000000)) $((ns % 1000000000))
      """;

  private static final BusyboxImage IMAGE =
      new BusyboxImage(REFERENCE, "EventPulse app", cgiScripts());

  private DemoImage() {}

  private static Map<String, String> cgiScripts() {
    Map<String, String> scripts = new LinkedHashMap<>();
    scripts.put("work", WORK_CGI);
    scripts.put("metrics", METRICS_CGI);
    return scripts;
  }

  /** Builds the image unless present; throws with what to install when busybox is missing. */
  public static String ensure(DockerClient docker) {
    try (DockerHttpClient http =
        new ApacheDockerHttpClient.Builder().dockerHost(URI.create(DockerProbe.host())).build()) {
      return IMAGE.ensure(docker, http);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the Docker connection", e);
    }
  }
}
