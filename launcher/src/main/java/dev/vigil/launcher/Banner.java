package dev.vigil.launcher;

import dev.vigil.workflows.policy.Policy;
import java.io.PrintStream;

/** What {@code ./vigil dev} prints once ready. */
final class Banner {
  private Banner() {}

  static void print(PrintStream out, DevStack stack, DevOptions options) {
    String base = stack.baseUrl();
    StringBuilder b = new StringBuilder();
    b.append("\n=== Vigil is running (ingest + api + worker) ===\n");
    b.append("  API             ")
        .append(base)
        .append("/v1/resources   ")
        .append(base)
        .append("/v1/fleet/summary   ")
        .append(base)
        .append("/v1/incidents\n");
    b.append("  ingest          ")
        .append(base)
        .append("/v1/ingest/alertmanager   ")
        .append(base)
        .append("/v1/ingest/k8s-events   ")
        .append(base)
        .append("/v1/ingest/signals\n");
    b.append("  events (SSE)    ").append(base).append("/v1/events\n");
    b.append("  events (WS)     ")
        .append(base.replaceFirst("^http", "ws"))
        .append("/v1/events/ws   (send {\"eventTypes\": [...], \"namespaces\": [...]})\n");
    b.append("  gRPC            ")
        .append(stack.grpcAddress())
        .append("   vigil.v1.VigilService (plaintext, reflection on)\n");
    b.append("  readiness       ").append(base).append("/health/readiness\n");
    b.append("  metrics         ").append(base).append("/metrics\n");
    b.append("  OpenAPI         ").append(base).append("/openapi.yml\n");
    b.append("  Temporal        ")
        .append(stack.temporal().target())
        .append(" (")
        .append(stack.temporal().kind())
        .append(")");
    b.append(
        stack
            .temporal()
            .uiUrl()
            .map(u -> "   Web UI " + u + "\n")
            .orElse("   no Web UI: install the temporal CLI for one at :8233\n"));
    b.append("  dev token       Authorization: Bearer ")
        .append(stack.devToken())
        .append("   (all scopes; local runs only)\n");
    b.append("  data            ").append(options.dataDir()).append("   (--wipe deletes it)\n");
    if (!stack.dockerAvailable()) {
      b.append("  Docker          no daemon answers at ")
          .append(DockerProbe.host())
          .append(": DRY-RUN, actions record what they would do\n");
    } else if (stack.dryRun()) {
      b.append("  Docker          ").append(DockerProbe.host()).append(" (DRY-RUN requested)\n");
    } else {
      b.append("  Docker          ")
          .append(DockerProbe.host())
          .append(" (acts on containers labelled vigil.service=<name>)\n");
    }
    b.append("\nPolicies loaded (").append(stack.policies().size()).append("):\n");
    for (Policy p : stack.policies()) {
      b.append("  - ")
          .append(p.name())
          .append(": resourceType=")
          .append(p.match().resourceType())
          .append(" reasons=")
          .append(p.match().reasons())
          .append(" ladder=")
          .append(p.ladder().stream().map(r -> r.action()).toList());
      if (!p.revertOn().isEmpty()) {
        b.append(" revertOn=").append(p.revertOn());
      }
      b.append('\n');
    }
    b.append("\nSend an alert (HighCPU on docker service app):\n");
    b.append(curl(base, stack.devToken())).append('\n');
    b.append("then: curl -s -H 'Authorization: Bearer ")
        .append(stack.devToken())
        .append("' ")
        .append(base)
        .append("/v1/resources/docker%2Fservice%2Fapp\n");
    if (stack.dockerAvailable() && !stack.dryRun()) {
      b.append(
          "  (the ladder acts on a container labelled vigil.service=app: with none running,"
              + " docker.scale finds\n   nothing to scale, and the repair ends TERMINAL with a page,"
              + " as it should when automation\n   runs out; ./vigil demo starts such a service,"
              + " breaks it and watches Vigil repair it)\n");
    }
    b.append(
        "gRPC (this machine has no grpcurl; ./vigil grpc is a small client of the same API):\n");
    b.append(grpcCall(stack.grpcAddress(), stack.devToken())).append('\n');
    b.append("Ctrl-C stops everything.\n");
    out.println(b);
    out.flush();
  }

  /** A gRPC call that works against this stack, with the client {@code ./vigil grpc}. */
  static String grpcCall(String address, String token) {
    return "VIGIL_TOKEN="
        + token
        + " ./vigil grpc --server "
        + address
        + " GetFleetSummary\n"
        + "VIGIL_TOKEN="
        + token
        + " ./vigil grpc --server "
        + address
        + " StreamEvents '{\"eventTypes\": [\"incident\"]}'";
  }

  static String curl(String base, String token) {
    return "curl -s -X POST "
        + base
        + "/v1/ingest/alertmanager -H 'Authorization: Bearer "
        + token
        + "' -H 'Content-Type: application/json' -d '"
        + "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"vigil\",\"groupKey\":\"{}:{alertname=\\\"HighCPU\\\"}\","
        + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighCPU\",\"docker_service\":\"app\",\"severity\":\"critical\"},"
        + "\"annotations\":{\"summary\":\"CPU above 90% for 5m\"},\"startsAt\":\"'$(date -u +%FT%TZ)'\",\"fingerprint\":\"demo-highcpu-app\"}]}'";
  }
}
