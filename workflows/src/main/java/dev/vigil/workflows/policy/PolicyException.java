package dev.vigil.workflows.policy;

/**
 * A policies file that cannot be used; the message names the offending path, e.g. {@code
 * policies[1].ladder[0].action}.
 */
public class PolicyException extends RuntimeException {
  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
