package dev.vigil.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one scenario observed: a row of the fault table, and the invariants it found broken. A
 * scenario passes when {@link #violations()} is empty; {@code lost} and {@code doubled} are zero
 * then by construction (each is checked as an invariant).
 */
public final class Outcome {
  private final String scenario;
  private long signalsSent;
  private String state = "";
  private String actions = "";
  private long lost;
  private long doubled;
  private long http5xx;
  private Duration converge;
  private String notes = "";
  private final List<String> violations = new ArrayList<>();

  public Outcome(String scenario) {
    this.scenario = scenario;
  }

  public Outcome signalsSent(long n) {
    this.signalsSent = n;
    return this;
  }

  /** State rows expected and found. */
  public Outcome state(long expected, long found) {
    this.state = expected + "/" + found;
    check(found == expected, "state rows: expected " + expected + ", found " + found);
    return this;
  }

  /** Actions expected and executed, as the journal and Docker tell. */
  public Outcome actions(long expected, long journal, long docker) {
    this.actions = expected + "/" + journal + "/" + docker;
    check(
        journal == expected,
        "journal: expected " + expected + " effective executions, found " + journal);
    check(
        docker == expected,
        "Docker: expected " + expected + " containers created, found " + docker);
    return this;
  }

  public Outcome lost(long n) {
    this.lost = n;
    check(n == 0, n + " lost");
    return this;
  }

  public Outcome doubled(long n) {
    this.doubled = n;
    check(n == 0, n + " applied twice");
    return this;
  }

  public Outcome http5xx(long n) {
    this.http5xx = n;
    check(n == 0, n + " unexpected 5xx answers");
    return this;
  }

  public Outcome converge(Duration d) {
    this.converge = d;
    return this;
  }

  public Outcome note(String note) {
    this.notes = notes.isEmpty() ? note : notes + "; " + note;
    return this;
  }

  /** Records a violation unless {@code holds}. */
  public Outcome check(boolean holds, String violation) {
    if (!holds) {
      violations.add(violation);
    }
    return this;
  }

  public Outcome fail(String violation) {
    violations.add(violation);
    return this;
  }

  public String scenario() {
    return scenario;
  }

  public long signalsSent() {
    return signalsSent;
  }

  public String stateColumn() {
    return state;
  }

  public String actionsColumn() {
    return actions;
  }

  public long lost() {
    return lost;
  }

  public long doubled() {
    return doubled;
  }

  public long http5xxCount() {
    return http5xx;
  }

  public Duration convergeTime() {
    return converge;
  }

  public String notes() {
    return notes;
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  public boolean passed() {
    return violations.isEmpty();
  }
}
