package dev.vigil.ingest.intake;

/** A request body whose {@code Content-Type} the receivers do not read (HTTP 415). */
public class UnsupportedMediaTypeException extends RuntimeException {
  public UnsupportedMediaTypeException(String detail) {
    super(detail);
  }
}
