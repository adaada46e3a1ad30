package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchColumnsTest {
  @Test
  void separated_writesValuesBetweenSeparators_nullsAsTheNullCharacter() {
    BatchColumns.Separated columns = new BatchColumns.Separated(3, 2);
    columns.nextRow();
    columns.text(0, "a");
    columns.json(1, out -> out.append("{\"k\":1}"));
    columns.number(2, 7);
    columns.nextRow();
    columns.text(0, null);
    columns.instant(1, Instant.parse("2026-01-08T09:00:00.120Z"));
    columns.number(2, null);

    assertThat(columns.fits()).isTrue();
    assertThat(new String[] {columns.column(0), columns.column(1), columns.column(2)})
        .containsExactly(
            "a\u001e\u001f", "{\"k\":1}\u001e2026-01-08T09:00:00.120Z", "7\u001e\u001f");
  }

  @Test
  void aValueHoldingASeparator_orALoneEmptyText_doesNotFit() {
    BatchColumns.Separated separator = new BatchColumns.Separated(1, 1);
    separator.nextRow();
    separator.text(0, "x\u001ey");
    assertThat(separator.fits()).isFalse();

    BatchColumns.Separated nullCharacter = new BatchColumns.Separated(1, 1);
    nullCharacter.nextRow();
    nullCharacter.text(0, "\u001f");
    assertThat(nullCharacter.fits()).isFalse();

    BatchColumns.Separated lonelyEmpty = new BatchColumns.Separated(1, 1);
    lonelyEmpty.nextRow();
    lonelyEmpty.text(0, "");
    assertThat(lonelyEmpty.fits()).as("string_to_array('') is no value at all").isFalse();

    BatchColumns.Separated emptyAmongOthers = new BatchColumns.Separated(1, 2);
    emptyAmongOthers.nextRow();
    emptyAmongOthers.text(0, "");
    emptyAmongOthers.nextRow();
    emptyAmongOthers.text(0, "b");
    assertThat(emptyAmongOthers.fits()).isTrue();
  }
}
