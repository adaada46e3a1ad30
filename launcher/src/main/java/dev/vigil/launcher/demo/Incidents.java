package dev.vigil.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Incidents and repair phases as the demos read them from Vigil's API. */
public final class Incidents {
  private final VigilHttp vigil;

  public Incidents(VigilHttp vigil) {
    this.vigil = vigil;
  }

  /** Waits for an incident of {@code resourceId} opened after {@code since}; returns its id. */
  public String awaitOpened(String resourceId, Instant since, Duration timeout)
      throws InterruptedException {
    String[] id = new String[1];
    Waits.until(
        "an incident for " + resourceId,
        timeout,
        () -> {
          id[0] = openedSince(resourceId, since);
          return id[0] != null;
        });
    return id[0];
  }

  /** The newest incident of {@code resourceId} opened after {@code since}, or null. */
  public String openedSince(String resourceId, Instant since) {
    JsonNode page = vigil.getJson("/v1/incidents?resourceId=" + VigilHttp.encode(resourceId));
    for (JsonNode i : page.path("items")) {
      if (Instant.parse(i.path("openedAt").asText()).isAfter(since)) {
        return i.path("id").asText();
      }
    }
    return null;
  }

  /** The incident's status ({@code open}, {@code mitigating}, {@code resolved}, ...). */
  public String status(String incidentId) {
    return detail(incidentId).path("incident").path("status").asText();
  }

  /** How many of the incident's actions have finished. */
  public int actionsDone(String incidentId) {
    int done = 0;
    for (JsonNode a : detail(incidentId).path("actions")) {
      if (!a.path("finishedAt").isNull() && !a.path("finishedAt").isMissingNode()) {
        done++;
      }
    }
    return done;
  }

  /** The live phase of the resource's repair ({@code MITIGATING}, {@code RECOVERED}, ...). */
  public String phase(String resourceId) {
    return vigil
        .getJson("/v1/resources/" + VigilHttp.encode(resourceId))
        .path("mitigationStatus")
        .path("phase")
        .asText();
  }

  /** The incident's status and timeline as they are now. */
  public Timeline timeline(String incidentId) {
    JsonNode detail = detail(incidentId);
    List<Entry> entries = new ArrayList<>();
    for (JsonNode e : detail.path("timeline")) {
      entries.add(
          new Entry(e.path("at").asText(), e.path("kind").asText(), e.path("message").asText()));
    }
    return new Timeline(incidentId, detail.path("incident").path("status").asText(), entries);
  }

  private JsonNode detail(String incidentId) {
    return vigil.getJson("/v1/incidents/" + VigilHttp.encode(incidentId));
  }

  /** One timeline event. */
  public record Entry(String at, String kind, String message) {
    /** {@code at kind message}, the kind padded to a column. */
    public String line() {
      return at + "  " + String.format("%-20s", kind) + " " + message;
    }
  }

  /** An incident's status and timeline. */
  public record Timeline(String incidentId, String status, List<Entry> entries) {
    /** One line per event: {@code at kind message}. */
    public List<String> lines() {
      return entries.stream().map(Entry::line).toList();
    }

    /** The events' kinds, in order. */
    public List<String> kinds() {
      return entries.stream().map(Entry::kind).toList();
    }

    /** Prints a heading ({@code Incident <id> (<label>): <status>}) and the lines. */
    public void print(PrintStream out, String label) {
      out.println();
      out.println("Incident " + incidentId + " (" + label + "): " + status);
      lines().forEach(l -> out.println("  " + l));
      out.println();
      out.flush();
    }
  }
}
