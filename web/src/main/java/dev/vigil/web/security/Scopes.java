package dev.vigil.web.security;

import java.util.List;

/** The scopes a Vigil bearer token can carry (docs/design.md "Authentication and scopes"). */
public final class Scopes {
  /** Read resource state, incidents, the fleet summary and the event stream. */
  public static final String STATE_READ = "state:read";

  /** Cancel a running remediation. */
  public static final String MITIGATION_WRITE = "mitigation:write";

  /** Approve or reject a rung waiting for approval. */
  public static final String APPROVAL_WRITE = "approval:write";

  /** Post signals to the ingest receivers (Alertmanager's webhook credentials). */
  public static final String INGEST_WRITE = "ingest:write";

  /** Ask for an operator action of the catalog on a resource ({@code docker.scale}, ...). */
  public static final String ACTION_WRITE = "action:write";

  /** Read the audit log ({@code GET /v1/audit}): who did and read what, when. */
  public static final String AUDIT_READ = "audit:read";

  public static final List<String> ALL =
      List.of(STATE_READ, MITIGATION_WRITE, APPROVAL_WRITE, INGEST_WRITE, ACTION_WRITE, AUDIT_READ);

  private Scopes() {}
}
