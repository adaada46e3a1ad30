package dev.vigil.cli;

/**
 * What {@code vigil} exits with, so scripts can tell failures apart. Every failure also prints one
 * line on stderr, starting with {@code vigil: }.
 */
public final class ExitCodes {
  /** The command did what it was asked. */
  public static final int OK = 0;

  /**
   * The server answered with an error that is none of the below (409 conflict, 429, 5xx), or an
   * operator action ended FAILED, REJECTED, EXPIRED or CANCELLED under {@code act --wait}.
   */
  public static final int SERVER_ERROR = 1;

  /** Bad flags or arguments, or input the server refused as invalid (400). */
  public static final int USAGE = 2;

  /** The resource, incident, action or running repair does not exist (404). */
  public static final int NOT_FOUND = 3;

  /** No token, a wrong token (401) or one without the scope the command needs (403). */
  public static final int UNAUTHORIZED = 4;

  /** The server could not be reached (connection refused, DNS, timeout). */
  public static final int UNREACHABLE = 5;

  private ExitCodes() {}

  /** The exit code for an HTTP error status. */
  public static int ofStatus(int status) {
    return switch (status) {
      case 400, 413, 415, 422 -> USAGE;
      case 401, 403 -> UNAUTHORIZED;
      case 404 -> NOT_FOUND;
      default -> SERVER_ERROR;
    };
  }
}
