package dev.vigil.ingest.state;

import dev.vigil.store.contracts.ColumnJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A batch's rows turned into columns, one statement parameter per column, for {@code unnest(...)}:
 * a row is written value by value ({@link #text}, {@link #json}, {@link #instant}, {@link #number})
 * after {@link #nextRow}; each kind's {@code PARAMETER} is the SQL that reads a column back as a
 * {@code text[]}.
 *
 * <ul>
 *   <li>{@link Separated}: each column one text, values separated by U+001E, a null written as
 *       U+001F alone; PostgreSQL splits it with {@code string_to_array}. JSON goes straight into
 *       the column's builder. Binding every column as a {@code text[]} instead cost a partition
 *       owner a string per value, the driver's bytes of each and a growing buffer per array: nearly
 *       a third of all it allocated at 60,000 events/s.
 *   <li>{@link TextArrays}: each column a {@code text[]} ({@code createArrayOf}), for the batch
 *       whose values {@link Separated} cannot carry: neither character can be in what ingest writes
 *       (identifiers and names refuse control characters, JSON escapes them, timestamps and numbers
 *       have none), but a row stored before those checks could hold one.
 * </ul>
 */
abstract sealed class BatchColumns {
  protected final int columns;
  protected int row = -1;

  private BatchColumns(int columns) {
    this.columns = columns;
  }

  /** Starts the next row; its values follow, one per column in order. */
  final void nextRow() {
    row++;
  }

  abstract void text(int column, String value);

  /** A JSON value, written by {@code writer} into the builder it is given. */
  abstract void json(int column, Consumer<StringBuilder> writer);

  abstract void instant(int column, Instant value);

  abstract void number(int column, Integer value);

  /** Binds the columns as parameters {@code 1..columns}. */
  abstract void bind(PreparedStatement ps) throws SQLException;

  /** Values separated in one text per column; {@link #fits} says whether every value could be. */
  static final class Separated extends BatchColumns {
    static final char SEPARATOR = '\u001e';
    static final char NULL = '\u001f';

    /** How PostgreSQL reads such a column back as a {@code text[]}. */
    static final String PARAMETER = "string_to_array(?, E'\\x1e', E'\\x1f')";

    private final StringBuilder[] texts;
    private boolean fits = true;

    Separated(int columns, int rows) {
      super(columns);
      texts = new StringBuilder[columns];
      for (int c = 0; c < columns; c++) {
        texts[c] = new StringBuilder(rows * 48);
      }
    }

    /**
     * Whether the texts hold every value as written: none held a separator, and no column is a lone
     * empty value ({@code string_to_array} reads an empty text as no value at all).
     */
    boolean fits() {
      if (!fits) {
        return false;
      }
      for (StringBuilder text : texts) {
        if (text.isEmpty()) {
          return false;
        }
      }
      return true;
    }

    private StringBuilder at(int column) {
      StringBuilder text = texts[column];
      if (row > 0) {
        text.append(SEPARATOR);
      }
      return text;
    }

    @Override
    void text(int column, String value) {
      StringBuilder text = at(column);
      if (value == null) {
        text.append(NULL);
        return;
      }
      if (value.indexOf(SEPARATOR) >= 0 || value.indexOf(NULL) >= 0) {
        fits = false;
      }
      text.append(value);
    }

    @Override
    void json(int column, Consumer<StringBuilder> writer) {
      writer.accept(at(column)); // JSON escapes every control character: no separator in it
    }

    @Override
    void instant(int column, Instant value) {
      StringBuilder text = at(column);
      if (value == null) {
        text.append(NULL);
      } else {
        ColumnJson.iso(text, value);
      }
    }

    @Override
    void number(int column, Integer value) {
      StringBuilder text = at(column);
      if (value == null) {
        text.append(NULL);
      } else {
        text.append(value.intValue());
      }
    }

    /** The column's text as bound. */
    String column(int column) {
      return texts[column].toString();
    }

    @Override
    void bind(PreparedStatement ps) throws SQLException {
      for (int c = 0; c < columns; c++) {
        ps.setString(c + 1, column(c));
      }
    }
  }

  /** Each column a {@code text[]}: carries any value. */
  static final class TextArrays extends BatchColumns {
    static final String PARAMETER = "?::text[]";

    private final String[][] values;

    TextArrays(int columns, int rows) {
      super(columns);
      values = new String[columns][rows];
    }

    @Override
    void text(int column, String value) {
      values[column][row] = value;
    }

    @Override
    void json(int column, Consumer<StringBuilder> writer) {
      StringBuilder text = new StringBuilder(256);
      writer.accept(text);
      values[column][row] = text.toString();
    }

    @Override
    void instant(int column, Instant value) {
      values[column][row] = ColumnJson.iso(value);
    }

    @Override
    void number(int column, Integer value) {
      values[column][row] = value == null ? null : value.toString();
    }

    @Override
    void bind(PreparedStatement ps) throws SQLException {
      Connection c = ps.getConnection();
      for (int column = 0; column < columns; column++) {
        ps.setArray(column + 1, c.createArrayOf("text", values[column]));
      }
    }
  }
}
