package dev.vigil.api.mitigation;

import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;

/** Temporal did not answer in time (or at all): 503 for calls that need the live answer. */
public class TemporalUnavailableException extends ProblemException {
  public TemporalUnavailableException(String detail, Throwable cause) {
    super(Problems.unavailable(detail));
    initCause(cause);
  }
}
