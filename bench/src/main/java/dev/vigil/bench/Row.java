package dev.vigil.bench;

/**
 * One line of the printed table.
 *
 * @param scenario which scenario measured it
 * @param metric what was measured
 * @param value the figure, formatted
 * @param target the target, or "" when there is none
 * @param met whether the target was met; null when there is none
 */
public record Row(String scenario, String metric, String value, String target, Boolean met) {

  static Row info(String scenario, String metric, String value) {
    return new Row(scenario, metric, value, "", null);
  }

  static Row target(String scenario, String metric, String value, String target, boolean met) {
    return new Row(scenario, metric, value, target, met);
  }
}
