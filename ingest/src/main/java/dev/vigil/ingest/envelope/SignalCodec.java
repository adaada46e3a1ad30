package dev.vigil.ingest.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The envelope's JSON form on topic {@code vigil.signals}. */
public final class SignalCodec {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private SignalCodec() {}

  public static byte[] encode(Signal signal) {
    try {
      return MAPPER.writeValueAsBytes(signal);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize signal " + signal.id(), e);
    }
  }
}
