package dev.vigil.telemetry.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.Locale;
import java.util.Set;
import net.logstash.logback.mask.ValueMasker;

/**
 * The JSON encoder's masking step: every string value (message, MDC, arguments, stack trace) goes
 * through {@link SecretMasker}, and fields named like a secret are masked whole.
 */
public class SecretValueMasker implements ValueMasker {
  private static final Set<String> SECRET_FIELDS =
      Set.of(
          "password",
          "token",
          "routingkey",
          "routing_key",
          "apikey",
          "api_key",
          "authorization",
          "secret");

  @Override
  public Object mask(JsonStreamContext context, Object value) {
    if (!(value instanceof CharSequence text)) {
      return null;
    }
    String field = context.getCurrentName();
    if (field != null && SECRET_FIELDS.contains(field.toLowerCase(Locale.ROOT))) {
      return SecretMasker.MASK;
    }
    String masked = SecretMasker.mask(text.toString());
    return masked.contentEquals(text) ? null : masked;
  }
}
