package dev.vigil.ingest.intake;

/** A request body over {@code vigil.ingest.max-body-size} (HTTP 413). */
public class PayloadTooLargeException extends RuntimeException {
  public PayloadTooLargeException(String message) {
    super(message);
  }
}
