package dev.vigil.ingest.envelope;

/**
 * Input that cannot become a signal. {@code field} is the JSON path of the offending value as the
 * sender wrote it ({@code alerts[1].labels}), so a 400 answer or a DLQ record says where to look.
 */
public class InvalidSignalException extends RuntimeException {
  private final String field;

  public InvalidSignalException(String field, String detail) {
    super(detail);
    this.field = field;
  }

  public InvalidSignalException(String field, String detail, Throwable cause) {
    super(detail, cause);
    this.field = field;
  }

  /** JSON path of the offending value, or null when the input as a whole is wrong. */
  public String field() {
    return field;
  }
}
