package dev.vigil.faults.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.Credentials;
import dev.vigil.faults.rig.Http;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import dev.vigil.faults.rig.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scenario 8: every endpoint of the three services against every kind of caller: none, a wrong
 * token, a malformed header, an expired JWT, a JWT signed with a foreign key, a token per scope, a
 * token with all scopes and a valid JWT. Each answer must be exactly the documented one (anonymous
 * probes and metrics; 401 without a valid credential; 403 with a valid one lacking the scope; the
 * endpoint's own answer otherwise), every mutation a known caller asked for must be in {@code
 * audit_log} (refused ones too), reads of resource and incident data when let in, and no token, key
 * or password may appear in any log line any service wrote during the whole run.
 */
public final class AuthorizationMatrix implements Scenario {
  /** One endpoint: where, what, which scope (null: anonymous) and its answer when allowed. */
  record Endpoint(
      String service,
      String method,
      String path,
      String body,
      String scope,
      int allowedStatus,
      String auditAction) {}

  /** One kind of caller. */
  record Caller(String name, String authorization, Set<String> scopes, String subject) {
    boolean valid() {
      return subject != null;
    }
  }

  @Override
  public String name() {
    return "8 authorization matrix";
  }

  @Override
  public Outcome run(Rig rig, Scale scale) {
    Outcome outcome = new Outcome(name());
    Credentials creds = rig.credentials();
    String run = rig.run();
    List<Endpoint> endpoints = endpoints(run);
    List<Caller> callers = callers(creds);
    long auditMark = rig.store().count("select coalesce(max(id), 0) from audit_log");
    Map<String, Integer> expectedAudit = new HashMap<>();
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (Endpoint endpoint : endpoints) {
      for (Caller caller : callers) {
        int expected = expected(endpoint, caller);
        Http.Response r = send(rig, endpoint, caller);
        calls++;
        boolean problemWhenError =
            r.status() < 400
                || String.valueOf(r.header("Content-Type")).startsWith("application/problem+json");
        if (r.status() != expected || !problemWhenError) {
          wrong.add(
              "%s %s as %s: %d (expected %d) %s"
                  .formatted(
                      endpoint.method(),
                      endpoint.path(),
                      caller.name(),
                      r.status(),
                      expected,
                      r.status() >= 400 ? r.header("Content-Type") : ""));
        }
        String action = audited(endpoint, caller, expected);
        if (action != null) {
          expectedAudit.merge(caller.subject() + " " + action + " " + expected, 1, Integer::sum);
        }
      }
    }
    outcome.signalsSent(calls);
    outcome.check(wrong.isEmpty(), wrong.size() + " answers not as documented: " + wrong);

    // reads are audited in batches (every 200 ms): wait a little for the last of them
    Map<String, Integer> audited = auditedSince(rig, auditMark);
    for (int i = 0; i < 50 && !audited.equals(expectedAudit); i++) {
      Pause.millis(100);
      audited = auditedSince(rig, auditMark);
    }
    outcome.check(
        audited.equals(expectedAudit), "audit_log " + audited + ", expected " + expectedAudit);

    List<String> leaks = leaks(rig, creds);
    outcome.check(leaks.isEmpty(), "secrets in logs: " + leaks);
    outcome.http5xx(0);
    outcome.lost(0);
    outcome.doubled(0);
    outcome.note(
        "%d endpoints x %d callers; %d audit rows as expected; %d log files scanned, no secret found"
            .formatted(
                endpoints.size(),
                callers.size(),
                audited.values().stream().mapToInt(Integer::intValue).sum(),
                rig.services().stream().mapToInt(s -> s.logs().size()).sum()));
    return outcome;
  }

  /**
   * The audit action a call leaves: a mutation by a known caller is audited whatever it answers
   * ({@code authorization.denied} without the scope), a read of resource or incident data when it
   * was let in; nothing for unknown callers or anonymous endpoints.
   */
  private static String audited(Endpoint endpoint, Caller caller, int expected) {
    if (!caller.valid() || expected == 401) {
      return null;
    }
    if (endpoint.method().equals("POST")) {
      return expected == 403 ? "authorization.denied" : endpoint.auditAction();
    }
    return expected == 403 ? null : endpoint.auditAction();
  }

  private static Map<String, Integer> auditedSince(Rig rig, long mark) {
    Map<String, Integer> audited = new HashMap<>();
    for (Map<String, Object> row :
        rig.store().rows("select actor, action, status_code from audit_log where id > ?", mark)) {
      audited.merge(
          row.get("actor") + " " + row.get("action") + " " + row.get("status_code"),
          1,
          Integer::sum);
    }
    return audited;
  }

  private static int expected(Endpoint endpoint, Caller caller) {
    if (endpoint.scope() == null) {
      return endpoint.allowedStatus();
    }
    if (!caller.valid()) {
      return 401;
    }
    return caller.scopes().contains(endpoint.scope()) ? endpoint.allowedStatus() : 403;
  }

  private static Http.Response send(Rig rig, Endpoint endpoint, Caller caller) {
    String base =
        switch (endpoint.service()) {
          case "ingest" -> rig.ingest().baseUrl();
          case "worker" -> rig.worker().baseUrl();
          default -> rig.api().baseUrl();
        };
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + endpoint.path()));
    if (caller.authorization() != null) {
      b.header("Authorization", caller.authorization());
    }
    if (endpoint.method().equals("POST")) {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(endpoint.body()));
    } else {
      b.GET();
    }
    return endpoint.path().startsWith("/v1/events")
        ? rig.http().sendHeadersOnly(b)
        : rig.http().send(b);
  }

  static List<Endpoint> endpoints(String run) {
    String resource = "faults/s8-" + run + "/host";
    Instant now = Instant.now();
    ArrayNode envelopes = Payloads.JSON.createArrayNode();
    envelopes.add(
        Payloads.envelope(
            run + "-s8", resource, "faults/host", "AuthMatrix", "warning", "firing", now));
    String alert =
        Payloads.alertmanagerWebhook(
                Map.of(
                    "alertname",
                    "AuthMatrix",
                    "resource_id",
                    resource + "-am",
                    "severity",
                    "warning"),
                "firing",
                now)
            .toString();
    String event =
        """
        {"verb":"ADDED","event":{"metadata":{"name":"x.1","namespace":"s8","uid":"u-%s"},
         "involvedObject":{"kind":"Pod","namespace":"s8","name":"auth-%s"},"reason":"BackOff",
         "message":"auth matrix","type":"Warning","lastTimestamp":"%s","count":1}}
        """
            .formatted(run, run, now)
            .replace("\n", "");
    String missing = "faults%2Fs8-" + run + "%2Fnone";
    List<Endpoint> list = new ArrayList<>();
    for (String service : List.of("ingest", "api", "worker")) {
      list.add(new Endpoint(service, "GET", "/health/liveness", null, null, 200, null));
      list.add(new Endpoint(service, "GET", "/health/readiness", null, null, 200, null));
      list.add(new Endpoint(service, "GET", "/metrics", null, null, 200, null));
    }
    list.add(new Endpoint("api", "GET", "/openapi.yml", null, null, 200, null));
    list.add(
        new Endpoint(
            "ingest", "POST", "/v1/ingest/alertmanager", alert, "ingest:write", 202, null));
    list.add(
        new Endpoint("ingest", "POST", "/v1/ingest/k8s-events", event, "ingest:write", 202, null));
    list.add(
        new Endpoint(
            "ingest",
            "POST",
            "/v1/ingest/signals",
            envelopes.toString(),
            "ingest:write",
            202,
            null));
    list.add(new Endpoint("api", "GET", "/v1/resources", null, "state:read", 200, "resource.list"));
    list.add(
        new Endpoint(
            "api", "GET", "/v1/resources/" + missing, null, "state:read", 404, "resource.get"));
    list.add(
        new Endpoint("api", "GET", "/v1/fleet/summary", null, "state:read", 200, "fleet.summary"));
    list.add(new Endpoint("api", "GET", "/v1/incidents", null, "state:read", 200, "incident.list"));
    list.add(
        new Endpoint(
            "api", "GET", "/v1/incidents/inc-" + run, null, "state:read", 404, "incident.get"));
    list.add(new Endpoint("api", "GET", "/v1/events", null, "state:read", 200, "events.stream"));
    list.add(
        new Endpoint(
            "api",
            "POST",
            "/v1/resources/" + missing + "/mitigation/cancel",
            "{\"reason\": \"authorization matrix\"}",
            "mitigation:write",
            404,
            "mitigation.cancel"));
    list.add(
        new Endpoint(
            "api",
            "POST",
            "/v1/incidents/inc-" + run + "/approvals/1",
            "{\"decision\": \"approve\", \"comment\": \"authorization matrix\"}",
            "approval:write",
            404,
            "approval.decide"));
    // operator actions: asked for on a resource that does not exist, followed, approved
    list.add(
        new Endpoint(
            "api",
            "POST",
            "/v1/resources/" + missing + "/actions",
            "{\"action\": \"docker.restart\", \"dryRun\": true}",
            "action:write",
            404,
            "action.request"));
    list.add(
        new Endpoint(
            "api", "GET", "/v1/actions/act-" + run, null, "state:read", 404, "action.get"));
    list.add(
        new Endpoint(
            "api",
            "POST",
            "/v1/actions/act-" + run + "/approval",
            "{\"decision\": \"approve\", \"comment\": \"authorization matrix\"}",
            "approval:write",
            404,
            "action.decide"));
    return list;
  }

  static List<Caller> callers(Credentials creds) {
    List<Caller> callers = new ArrayList<>();
    callers.add(new Caller("no token", null, Set.of(), null));
    callers.add(
        new Caller(
            "wrong token",
            "Bearer not-a-token-" + Integer.toHexString(creds.hashCode()),
            Set.of(),
            null));
    callers.add(new Caller("basic auth", "Basic ZmF1bHRzOnNlY3JldA==", Set.of(), null));
    callers.add(
        new Caller(
            "expired JWT",
            "Bearer "
                + creds.expiredJwt(
                    "state:read mitigation:write approval:write ingest:write action:write"),
            Set.of(),
            null));
    callers.add(
        new Caller(
            "foreign JWT",
            "Bearer " + creds.foreignJwt("state:read ingest:write"),
            Set.of(),
            null));
    for (String scope : Credentials.SCOPES) {
      callers.add(
          new Caller(
              scope + " token",
              "Bearer " + creds.token(scope),
              Set.of(scope),
              "fault-" + scope.replace(':', '-')));
    }
    callers.add(
        new Caller(
            "all scopes",
            "Bearer " + creds.admin(),
            Set.copyOf(Credentials.SCOPES),
            "fault-admin"));
    callers.add(
        new Caller(
            "JWT state:read approval:write",
            "Bearer " + creds.jwt("fault-jwt", "state:read approval:write"),
            Set.of("state:read", "approval:write"),
            "fault-jwt"));
    return callers;
  }

  /** Log lines of any service, in any of its runs, that carry a secret. */
  private static List<String> leaks(Rig rig, Credentials creds) {
    Map<String, String> secrets = new LinkedHashMap<>(creds.all());
    for (Caller caller : callers(creds)) {
      if (caller.authorization() != null && caller.authorization().length() > 20) {
        secrets.put(caller.name() + " credential", caller.authorization().substring(7));
      }
    }
    List<String> leaks = new ArrayList<>();
    for (ServiceProcess service : rig.services()) {
      for (Path log : service.logs()) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
          lines.forEach(
              line ->
                  secrets.forEach(
                      (what, secret) -> {
                        if (line.contains(secret) && leaks.size() < 10) {
                          leaks.add(what + " in " + log.getFileName());
                        }
                      }));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (java.io.UncheckedIOException e) {
          // a line that is not UTF-8: scan it as Latin-1 below
          leaks.addAll(scanLatin1(log, secrets));
        }
      }
    }
    return leaks;
  }

  private static List<String> scanLatin1(Path log, Map<String, String> secrets) {
    try {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      List<String> found = new ArrayList<>();
      secrets.forEach(
          (what, secret) -> {
            if (text.contains(secret)) {
              found.add(what + " in " + log.getFileName());
            }
          });
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
