package dev.vigil.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Arithmetic on Kubernetes quantities that keeps them readable: {@code 512Mi * 1.5 = 768Mi}, {@code
 * 1Gi * 1.5 = 1536Mi}, {@code 500m * 1.5 = 750m}, {@code 1 * 1.5 = 1500m}. Memory is rounded up to
 * whole Mi (or M, or to the unit the value was written in when smaller), cpu to whole millicores,
 * so a multiplied request never ends in fractions of a byte.
 */
final class Quantities {
  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final Map<String, BigDecimal> BINARY =
      Map.of(
          "Ki", KI,
          "Mi", KI.pow(2),
          "Gi", KI.pow(3),
          "Ti", KI.pow(4),
          "Pi", KI.pow(5),
          "Ei", KI.pow(6));
  private static final List<String> BINARY_DESCENDING = List.of("Ei", "Pi", "Ti", "Gi", "Mi", "Ki");
  private static final Map<String, BigDecimal> DECIMAL =
      Map.of(
          "k", BigDecimal.TEN.pow(3),
          "M", BigDecimal.TEN.pow(6),
          "G", BigDecimal.TEN.pow(9),
          "T", BigDecimal.TEN.pow(12),
          "P", BigDecimal.TEN.pow(15),
          "E", BigDecimal.TEN.pow(18));
  private static final List<String> DECIMAL_DESCENDING = List.of("E", "P", "T", "G", "M", "k");
  private static final BigDecimal MILLI = new BigDecimal("0.001");

  /** What a resource is measured in. */
  enum Resource {
    MEMORY("memory"),
    CPU("cpu");

    private final String key;

    Resource(String key) {
      this.key = key;
    }

    /** The key in a container's requests/limits map. */
    String key() {
      return key;
    }
  }

  private Quantities() {}

  /**
   * {@code value * factor}, never above {@code ceiling} when growing (and never below {@code value}
   * because of the ceiling: a value already above it stays).
   */
  static Quantity scale(Resource resource, Quantity value, BigDecimal factor, Quantity ceiling) {
    BigDecimal current = value.getNumericalAmount();
    BigDecimal scaled = round(resource, value.getFormat(), current.multiply(factor));
    if (factor.compareTo(BigDecimal.ONE) >= 0) {
      BigDecimal bound = ceiling.getNumericalAmount().max(current);
      if (scaled.compareTo(bound) > 0) {
        return bound.compareTo(current) == 0 ? value : ceiling;
      }
    }
    return format(resource, value.getFormat(), scaled);
  }

  static boolean sameAmount(Quantity a, Quantity b) {
    return a.getNumericalAmount().compareTo(b.getNumericalAmount()) == 0;
  }

  private static BigDecimal round(Resource resource, String format, BigDecimal amount) {
    BigDecimal step = resource == Resource.CPU ? MILLI : memoryStep(format);
    return amount.divide(step, 0, RoundingMode.CEILING).multiply(step);
  }

  private static BigDecimal memoryStep(String format) {
    if (BINARY.containsKey(format)) {
      return BINARY.get(format).min(BINARY.get("Mi"));
    }
    if (DECIMAL.containsKey(format)) {
      return DECIMAL.get(format).min(DECIMAL.get("M"));
    }
    return BigDecimal.ONE;
  }

  /** The largest unit of the value's own family (binary or decimal) that writes it exactly. */
  private static Quantity format(Resource resource, String originalFormat, BigDecimal amount) {
    List<String> candidates;
    if (BINARY.containsKey(originalFormat)) {
      candidates = BINARY_DESCENDING;
    } else if (DECIMAL.containsKey(originalFormat)) {
      candidates = DECIMAL_DESCENDING;
    } else {
      candidates = List.of();
    }
    Map<String, BigDecimal> units = BINARY.containsKey(originalFormat) ? BINARY : DECIMAL;
    for (String unit : candidates) {
      BigDecimal inUnit = amount.divide(units.get(unit));
      if (isWhole(inUnit) && inUnit.signum() > 0) {
        return new Quantity(inUnit.toBigIntegerExact().toString(), unit);
      }
    }
    if (isWhole(amount)) {
      return new Quantity(amount.toBigIntegerExact().toString());
    }
    // Only cpu gets here (memory is rounded to whole bytes or larger): write millicores.
    BigDecimal millis = amount.divide(MILLI);
    return new Quantity(millis.setScale(0, RoundingMode.CEILING).toBigInteger().toString(), "m");
  }

  private static boolean isWhole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }
}
