package dev.orbitar.promptlab.worker.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with padded columns: text left-aligned, numbers right-aligned. */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param headers column titles
     * @param rightAligned whether each column contains numbers
     */
    public TextTable(List<String> headers, boolean... rightAligned) {
        if (headers.size() != rightAligned.length) {
            throw new IllegalArgumentException("Alignment count " + rightAligned.length
                    + " does not match header count " + headers.size());
        }
        this.headers = List.copyOf(headers);
        this.rightAligned = rightAligned.clone();
    }

    public void add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("Row has " + cells.size() + " cells, expected " + headers.size());
        }
        rows.add(List.copyOf(cells));
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }

        printLine(out, headers, widths);
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        printLine(out, rules, widths);
        for (List<String> row : rows) {
            printLine(out, row, widths);
        }
    }

    private void printLine(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                line.append("  ");
            }
            String cell = cells.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            line.append(rightAligned[column] ? padding + cell : cell + padding);
        }
        out.println(line.toString().stripTrailing());
    }
}
