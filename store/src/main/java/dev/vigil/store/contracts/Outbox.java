package dev.vigil.store.contracts;

/**
 * The {@code outbox} table's contract between its writers and readers. Ingest writes {@link
 * #OBSERVATION} rows in the transaction of a health transition (payload: ingest's {@code
 * ObservationPayload}, serialized with Temporal's Jackson settings); the incident activities write
 * {@link #INCIDENT} rows (payload: the CloudEvent published verbatim to {@code vigil.incidents}).
 * Ingest's relay delivers both; the API's event stream reads both, and reads two fields of an
 * observation's payload in SQL: the paths for that are here, next to the JSON pointers tests use to
 * check that the writer puts them there.
 */
public final class Outbox {
  /** A health transition for the resource's workflow (aggregate id = resource id). */
  public static final String OBSERVATION = "observation";

  /** An incident lifecycle event for {@code vigil.incidents} (aggregate id = incident id). */
  public static final String INCIDENT = "incident";

  /** Where an observation's payload holds the resource's namespace (null outside Kubernetes). */
  public static final String NAMESPACE_POINTER = "/resource/namespace";

  /** Where an observation's payload holds the signal's severity (lower-case wire value). */
  public static final String SEVERITY_POINTER = "/observation/severity";

  private Outbox() {}

  /**
   * SQL for {@link #NAMESPACE_POINTER} of the jsonb column {@code payload} (e.g. {@code
   * o.payload}).
   */
  public static String namespaceSql(String payload) {
    return jsonbPath(payload, NAMESPACE_POINTER);
  }

  /** SQL for {@link #SEVERITY_POINTER} of the jsonb column {@code payload}. */
  public static String severitySql(String payload) {
    return jsonbPath(payload, SEVERITY_POINTER);
  }

  /** {@code /a/b} as {@code payload -> 'a' ->> 'b'}: the text at that path, or SQL null. */
  private static String jsonbPath(String payload, String pointer) {
    String[] steps = pointer.substring(1).split("/");
    StringBuilder sql = new StringBuilder(payload);
    for (int i = 0; i < steps.length; i++) {
      sql.append(i == steps.length - 1 ? " ->> '" : " -> '").append(steps[i]).append('\'');
    }
    return sql.toString();
  }
}
