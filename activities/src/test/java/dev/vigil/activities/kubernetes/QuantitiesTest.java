package dev.vigil.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.kubernetes.Quantities.Resource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

  @ParameterizedTest(name = "{0} {1} * {2} (ceiling {3}) = {4}")
  @CsvSource({
    "MEMORY, 512Mi, 1.5, 8Gi, 768Mi",
    "MEMORY, 1Gi, 1.5, 8Gi, 1536Mi",
    "MEMORY, 1Gi, 2, 8Gi, 2Gi",
    "MEMORY, 512Mi, 1.1, 8Gi, 564Mi",
    "MEMORY, 3Gi, 1.5, 4Gi, 4Gi",
    "MEMORY, 6Gi, 1.5, 4Gi, 6Gi",
    "MEMORY, 500M, 1.5, 8Gi, 750M",
    "MEMORY, 1G, 1.5, 8Gi, 1500M",
    "MEMORY, 1000, 1.5, 8Gi, 1500",
    "MEMORY, 1Gi, 0.5, 256Mi, 512Mi",
    "CPU, 500m, 1.5, 4, 750m",
    "CPU, 1, 1.5, 4, 1500m",
    "CPU, 1, 2, 4, 2",
    "CPU, 3, 2, 4, 4",
    "CPU, 100m, 1.33, 4, 133m",
    "CPU, 10m, 1.01, 4, 11m",
  })
  void multipliesReadably_boundedByTheCeiling(
      Resource resource, String value, String factor, String ceiling, String expected) {
    Quantity result =
        Quantities.scale(
            resource, new Quantity(value), new BigDecimal(factor), new Quantity(ceiling));

    assertThat(result.toString()).isEqualTo(expected);
  }
}
