package dev.vigil.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -o json}: {@code {"runs": [<report>, ...], "comparison": {...}}}, the comparison only with
 * {@code --compare}. Times are RFC 3339 strings, durations seconds.
 */
final class JsonReport {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private JsonReport() {}

  static void write(List<Report> reports, Comparison comparison, OutputStream out) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("runs", reports);
    if (comparison != null) {
      document.put("comparison", comparison);
    }
    try {
      MAPPER.writeValue(new NonClosing(out), document);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson closes what it writes to; standard output must stay open. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
