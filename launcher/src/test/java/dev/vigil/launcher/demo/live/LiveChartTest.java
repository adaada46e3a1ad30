package dev.vigil.launcher.demo.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class LiveChartTest {

  @Test
  void svg_drawsEachReplicasCpu_theReplicaCount_thresholds_andEveryMark() throws Exception {
    List<LiveMonitor.Sample> samples = new ArrayList<>();
    for (int t = 0; t <= 60; t += 2) {
      samples.add(
          t < 30
              ? new LiveMonitor.Sample(t, 1, Map.of("app-1", 0.7), Map.of("app-1", 56.0))
              : new LiveMonitor.Sample(
                  t,
                  2,
                  Map.of("app-1", 0.35, "app-2", 0.33),
                  Map.of("app-1", 28.0, "app-2", 28.0)));
    }
    List<LiveMonitor.Mark> marks =
        List.of(
            new LiveMonitor.Mark(20, "HighCPU firing"),
            new LiveMonitor.Mark(21, "incident opened"),
            new LiveMonitor.Mark(30, "2 replicas"));

    String svg = LiveChart.svg("EventPulse & <test>", samples, marks, 0.5, 0.2);

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    // app-1, app-2 and the replica count
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(3);
    assertThat(svg)
        .contains("app-1", "app-2", "HighCPU &gt; 50%", "LowCPU &lt; 20%")
        .contains("HighCPU firing", "incident opened", "2 replicas")
        .contains("EventPulse &amp; &lt;test&gt;");
  }
}
