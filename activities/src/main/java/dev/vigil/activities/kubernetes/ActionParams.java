package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.policy.Durations;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Reads a rung's string parameters; anything malformed fails with {@code InvalidParams}. */
final class ActionParams {
  private final ActionRequest request;

  ActionParams(ActionRequest request) {
    this.request = request;
  }

  Optional<String> text(String name) {
    String value = request.params().get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  Optional<Integer> integer(String name) {
    return text(name).map(value -> parse(name, value, Integer::valueOf, "an integer"));
  }

  /** A strictly positive decimal, e.g. a factor {@code 1.5}. */
  Optional<BigDecimal> factor(String name) {
    return text(name)
        .map(value -> parse(name, value, BigDecimal::new, "a decimal number"))
        .map(
            value -> {
              if (value.signum() <= 0) {
                throw KubernetesFailures.invalidParams(
                    "parameter " + name + " must be positive, got " + value.toPlainString());
              }
              return value;
            });
  }

  Optional<Quantity> quantity(String name) {
    return text(name).map(value -> quantity(name, value));
  }

  Optional<Duration> duration(String name) {
    return text(name).map(value -> parse(name, value, Durations::parse, "a duration"));
  }

  static Quantity quantity(String name, String value) {
    Quantity quantity = parse(name, value, Quantity::parse, "a Kubernetes quantity");
    try {
      quantity.getNumericalAmount();
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw KubernetesFailures.invalidParams(
          name + " must be a Kubernetes quantity (e.g. 512Mi, 500m), got '" + value + "'");
    }
    return quantity;
  }

  private static <T> T parse(
      String name, String value, java.util.function.Function<String, T> parser, String what) {
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      throw KubernetesFailures.invalidParams(
          "parameter " + name + " must be " + what + ", got '" + value + "'");
    }
  }
}
