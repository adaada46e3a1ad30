package dev.vigil.launcher.demo;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The demo's service image, built locally (no registry needed): the host's static busybox with an
 * applet link per command, {@code /www/health}, and two CGI scripts for the live demo: {@code
 * /cgi-bin/work?ms=N} burns N ms of the replica's CPU per request (measured on its own clock in
 * {@code /proc/self/schedstat}, so the load means the same on a fast or a busy machine) and {@code
 * /cgi-bin/metrics} reports the container's own cgroup CPU time as {@code
 * container_cpu_usage_seconds_total} (cAdvisor's name) in Prometheus text. Imported as {@link
 * #REFERENCE} the way {@code docker import} does; the same recipe as testkit's TestImages.
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

  private DemoImage() {}

  /** Builds the image unless present; throws with what to install when busybox is missing. */
  public static synchronized String ensure(DockerClient docker) {
    try {
      docker.inspectImageCmd(REFERENCE).exec();
      return REFERENCE;
    } catch (NotFoundException absent) {
      // build below
    }
    Path busybox = Path.of(System.getenv().getOrDefault("VIGIL_BUSYBOX", "/bin/busybox"));
    if (!Files.isExecutable(busybox)) {
      throw new IllegalStateException(
          "no static busybox at "
              + busybox
              + " (apt-get install busybox-static, or set VIGIL_BUSYBOX)");
    }
    importImage(rootfs(busybox));
    docker.inspectImageCmd(REFERENCE).exec();
    return REFERENCE;
  }

  private static byte[] rootfs(Path busybox) {
    try {
      byte[] binary = Files.readAllBytes(busybox);
      ByteArrayOutputStream out = new ByteArrayOutputStream(binary.length + 64 * 1024);
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        directory(tar, "bin/", 0755);
        directory(tar, "tmp/", 01777);
        directory(tar, "www/", 0755);
        directory(tar, "www/cgi-bin/", 0755);
        file(tar, "bin/busybox", binary, 0755);
        for (String applet : applets(busybox)) {
          if (!applet.equals("busybox")) {
            TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("busybox");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
          }
        }
        file(tar, "www/health", "ok\n".getBytes(StandardCharsets.UTF_8), 0644);
        file(
            tar,
            "www/index.html",
            "<html><body>EventPulse app</body></html>\n".getBytes(StandardCharsets.UTF_8),
            0644);
        file(tar, "www/cgi-bin/work", WORK_CGI.getBytes(StandardCharsets.UTF_8), 0755);
        file(tar, "www/cgi-bin/metrics", METRICS_CGI.getBytes(StandardCharsets.UTF_8), 0755);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the busybox root filesystem", e);
    }
  }

  private static List<String> applets(Path busybox) throws IOException {
    Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
    List<String> names = new ArrayList<>();
    try (InputStream in = p.getInputStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.contains("/")) {
          names.add(line.trim());
        }
      }
    }
    return names;
  }

  private static void directory(TarArchiveOutputStream tar, String name, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(mode);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(mode);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** {@code POST /images/create?fromSrc=-} on the daemon's unix socket or TCP address. */
  private static void importImage(byte[] tarball) {
    int colon = REFERENCE.lastIndexOf(':');
    String path =
        "/images/create?fromSrc=-&repo="
            + REFERENCE.substring(0, colon)
            + "&tag="
            + REFERENCE.substring(colon + 1);
    com.github.dockerjava.transport.DockerHttpClient http =
        new com.github.dockerjava.httpclient5.ApacheDockerHttpClient.Builder()
            .dockerHost(URI.create(dev.vigil.launcher.DockerProbe.host()))
            .build();
    com.github.dockerjava.transport.DockerHttpClient.Request request =
        com.github.dockerjava.transport.DockerHttpClient.Request.builder()
            .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.POST)
            .path(path)
            .putHeader("Content-Type", "application/x-tar")
            .bodyBytes(tarball)
            .build();
    try (http;
        com.github.dockerjava.transport.DockerHttpClient.Response response =
            http.execute(request)) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200 || body.contains("\"error\"")) {
        throw new IllegalStateException(
            "docker import of "
                + REFERENCE
                + " failed: HTTP "
                + response.getStatusCode()
                + " "
                + body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("docker import of " + REFERENCE + " failed", e);
    }
  }
}
