package org.sipwitch.control;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns with a header line, two spaces apart, no trailing blanks. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            String s = cells[i] == null ? "" : cells[i].toString();
            row[i] = s.isEmpty() ? "-" : s;
        }
        rows.add(row);
        return this;
    }

    List<String> lines() {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                b.append(row[i]);
                if (i < columns - 1) {
                    b.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }
}
