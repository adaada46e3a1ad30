package dev.vigil.ingest.intake;

/** Kafka did not acknowledge in time: the sender must retry (HTTP 503). */
public class SignalBusUnavailableException extends RuntimeException {
  public SignalBusUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
