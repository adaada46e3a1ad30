package dev.vigil.activities.docker;

/**
 * The labels that make containers a Vigil-managed Docker service, and the template convention for
 * replicas on host networking (they cannot share a port):
 *
 * <ul>
 *   <li>{@code vigil.service=<name>}: membership; the resource's name is the service name.
 *   <li>{@code vigil.slot=<n>}: the replica's slot, 1-based; its container is named {@code
 *       <name>-<n>}, so a retried scale finds (or collides with) what an earlier try created
 *       instead of adding a replica. Containers without it (e.g. started by hand or by compose)
 *       take the slot their port implies, else the lowest free one.
 *   <li>{@code vigil.port=<base>}: the replica in slot {@code n} listens on {@code base + n - 1}:
 *       Vigil sets env {@code PORT} (or the name in {@code vigil.port.env}) to it, and rewrites
 *       every label ending in {@code .loadbalancer.server.port} (Traefik) to it. The command reads
 *       the port from the env, e.g. {@code sh -c 'exec httpd -f -p "$PORT"'}.
 *   <li>{@code vigil.probe.path=/health}: readiness is also an HTTP GET answering 2xx on the
 *       replica's port ({@code vigil.probe.port} when there is no port convention), next to the
 *       Docker HEALTHCHECK when the image or template has one.
 * </ul>
 */
public final class ServiceLabels {
  public static final String SERVICE = "vigil.service";
  public static final String SLOT = "vigil.slot";
  public static final String PORT = "vigil.port";
  public static final String PORT_ENV = "vigil.port.env";
  public static final String PROBE_PATH = "vigil.probe.path";
  public static final String PROBE_PORT = "vigil.probe.port";
  public static final String DEFAULT_PORT_ENV = "PORT";
  public static final String LOAD_BALANCER_PORT_SUFFIX = ".loadbalancer.server.port";

  private ServiceLabels() {}
}
