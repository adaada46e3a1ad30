package dev.vigil.launcher.demo.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live demo's picture as SVG: each replica's CPU over time (with the HighCPU and LowCPU
 * thresholds), the number of running replicas below it, and a dashed line at each moment worth
 * marking (alert fired, incident opened, replicas changed, incident resolved or failed).
 */
final class LiveChart {
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
  private static final int WIDTH = 960;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int CPU_TOP = 130;
  private static final int CPU_BOTTOM = 350;
  private static final int REPLICAS_TOP = 390;
  private static final int REPLICAS_BOTTOM = 470;
  private static final int HEIGHT = 510;
  private static final int MAX_REPLICAS_AXIS = 3;
  private static final int LABEL_ROWS = 6;
  private static final int ROW_HEIGHT = 13;
  private static final double CHAR_WIDTH = 6.2;

  private LiveChart() {}

  static String svg(
      String title,
      List<LiveMonitor.Sample> samples,
      List<LiveMonitor.Mark> marks,
      double highThreshold,
      double lowThreshold) {
    double t0 = samples.isEmpty() ? 0 : samples.get(0).t();
    double t1 = samples.isEmpty() ? 1 : Math.max(t0 + 1, samples.get(samples.size() - 1).t());
    double cpuMax = 1.0;
    for (LiveMonitor.Sample s : samples) {
      for (double c : s.cpu().values()) {
        if (!Double.isNaN(c)) {
          cpuMax = Math.max(cpuMax, Math.ceil(c * 4) / 4);
        }
      }
    }
    Axis x = new Axis(t0, t1, LEFT, WIDTH - RIGHT);
    Axis cpuY = new Axis(0, cpuMax, CPU_BOTTOM, CPU_TOP);
    Axis repY = new Axis(0, MAX_REPLICAS_AXIS, REPLICAS_BOTTOM, REPLICAS_TOP);
    StringBuilder b = new StringBuilder();
    b.append(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n"
            .formatted(WIDTH, HEIGHT));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    b.append("<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>\n".formatted(LEFT, escape(title)));
    // axes and thresholds
    frame(b, x, cpuY, "CPU per replica (of one core)");
    for (double v = 0; v <= cpuMax + 1e-9; v += 0.25) {
      b.append(
          "<text x=\"%d\" y=\"%s\" text-anchor=\"end\">%d%%</text>\n"
              .formatted(LEFT - 6, f(cpuY.at(v) + 4), Math.round(v * 100)));
    }
    threshold(b, x, cpuY, highThreshold, "HighCPU > " + Math.round(highThreshold * 100) + "%");
    threshold(b, x, cpuY, lowThreshold, "LowCPU < " + Math.round(lowThreshold * 100) + "%");
    frame(b, x, repY, "running replicas");
    for (int v = 0; v <= MAX_REPLICAS_AXIS; v++) {
      b.append(
          "<text x=\"%d\" y=\"%s\" text-anchor=\"end\">%d</text>\n"
              .formatted(LEFT - 6, f(repY.at(v) + 4), v));
    }
    for (int s = 0; s <= (int) (t1 - t0); s += tickStep(t1 - t0)) {
      b.append(
          "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%ds</text>\n"
              .formatted(f(x.at(t0 + s)), REPLICAS_BOTTOM + 16, Math.round(t0 + s)));
    }
    // marks: a dashed line each, labels in rows above the chart so that none overlaps
    double[] rowEnds = new double[LABEL_ROWS];
    Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
    for (LiveMonitor.Mark m : marks) {
      if (m.t() < t0 || m.t() > t1) {
        continue;
      }
      double mx = x.at(m.t());
      double labelWidth = m.label().length() * CHAR_WIDTH;
      // near the right edge the label runs leftwards from its line
      boolean leftwards = mx + 3 + labelWidth > WIDTH - 2;
      double start = leftwards ? mx - 4 - labelWidth : mx;
      int row = 0;
      for (int r = 0; r < LABEL_ROWS; r++) {
        if (rowEnds[r] < start) {
          row = r;
          break;
        }
        if (rowEnds[r] < rowEnds[row]) {
          row = r;
        }
      }
      rowEnds[row] = leftwards ? mx + 4 : mx + 4 + labelWidth;
      int labelY = CPU_TOP - 10 - row * ROW_HEIGHT;
      b.append(
          "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>\n"
              .formatted(f(mx), labelY + 2, f(mx), REPLICAS_BOTTOM));
      b.append(
          "<text x=\"%s\" y=\"%d\" fill=\"#555\"%s>%s</text>\n"
              .formatted(
                  f(leftwards ? mx - 3 : mx + 3),
                  labelY,
                  leftwards ? " text-anchor=\"end\"" : "",
                  escape(m.label())));
    }
    // CPU lines, one per replica, broken where a replica has no value
    Map<String, String> colors = new LinkedHashMap<>();
    for (LiveMonitor.Sample s : samples) {
      for (String name : s.cpu().keySet()) {
        colors.computeIfAbsent(name, n -> COLORS[colors.size() % COLORS.length]);
      }
    }
    for (Map.Entry<String, String> c : colors.entrySet()) {
      List<String> points = new ArrayList<>();
      for (LiveMonitor.Sample s : samples) {
        Double v = s.cpu().get(c.getKey());
        if (v == null || v.isNaN()) {
          polyline(b, points, c.getValue(), 2);
          points = new ArrayList<>();
        } else {
          points.add(f(x.at(s.t())) + "," + f(cpuY.at(Math.min(v, cpuMax))));
        }
      }
      polyline(b, points, c.getValue(), 2);
    }
    int legend = 0;
    for (Map.Entry<String, String> c : colors.entrySet()) {
      int lx = WIDTH - RIGHT - 150;
      int ly = CPU_TOP + 14 + legend++ * 14;
      b.append(
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>\n"
              .formatted(
                  lx, ly - 4, lx + 18, ly - 4, c.getValue(), lx + 22, ly, escape(c.getKey())));
    }
    // replicas as a step line
    List<String> steps = new ArrayList<>();
    Integer previous = null;
    for (LiveMonitor.Sample s : samples) {
      if (previous != null && previous != s.replicas()) {
        steps.add(f(x.at(s.t())) + "," + f(repY.at(previous)));
      }
      steps.add(f(x.at(s.t())) + "," + f(repY.at(s.replicas())));
      previous = s.replicas();
    }
    polyline(b, steps, "#333", 2);
    b.append("</svg>\n");
    return b.toString();
  }

  private static void frame(StringBuilder b, Axis x, Axis y, String label) {
    b.append(
        "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"none\" stroke=\"#ccc\"/>\n"
            .formatted(f(x.from()), f(y.to()), f(x.to() - x.from()), f(y.from() - y.to())));
    b.append(
        "<text x=\"%s\" y=\"%s\" fill=\"#333\">%s</text>\n"
            .formatted(f(x.from() + 4), f(y.to() + 12), escape(label)));
  }

  private static void threshold(StringBuilder b, Axis x, Axis y, double v, String label) {
    b.append(
        "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#e6a000\" stroke-dasharray=\"6,4\"/>\n"
            .formatted(f(x.from()), f(y.at(v)), f(x.to()), f(y.at(v))));
    b.append(
        "<text x=\"%s\" y=\"%s\" fill=\"#b07800\" text-anchor=\"end\">%s</text>\n"
            .formatted(f(x.to() - 4), f(y.at(v) - 3), escape(label)));
  }

  private static void polyline(StringBuilder b, List<String> points, String color, int width) {
    if (points.size() < 2) {
      return;
    }
    b.append(
        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%d\" points=\"%s\"/>\n"
            .formatted(color, width, String.join(" ", points)));
  }

  private static int tickStep(double span) {
    for (int step : new int[] {10, 20, 30, 60, 120, 300}) {
      if (span / step <= 12) {
        return step;
      }
    }
    return 600;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A linear map from values [lo, hi] to pixels [from, to]. */
  private record Axis(double lo, double hi, double from, double to) {
    double at(double v) {
      return from + (v - lo) / (hi - lo) * (to - from);
    }
  }
}
