package dev.vigil.telemetry.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %maskedMsg}: the formatted message with secrets masked, for the text log format. */
public class MaskedMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return SecretMasker.mask(event.getFormattedMessage());
  }
}
