package dev.vigil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: upper-case headers, columns two spaces apart, the last one not padded. */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(c == null ? "-" : c.toString().replace('\n', ' '));
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out) {
    print(out, "");
  }

  /** Prints the table, each line starting with {@code indent}. */
  public void print(PrintWriter out, String indent) {
    int[] width = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      width[i] = headers.get(i).length();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() && i < width.length; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    line(out, indent, headers, width);
    for (List<String> row : rows) {
      line(out, indent, row, width);
    }
    out.flush();
  }

  private static void line(PrintWriter out, String indent, List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder(indent);
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      b.append(c);
      if (i < cells.size() - 1) {
        b.append(" ".repeat(width[i] - c.length() + 2));
      }
    }
    out.println(b.toString().stripTrailing());
  }
}
