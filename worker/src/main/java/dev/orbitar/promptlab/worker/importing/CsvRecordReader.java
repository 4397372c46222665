package dev.orbitar.promptlab.worker.importing;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: comma-separated fields, double-quoted fields that may contain commas,
 * line breaks and doubled quotes, records ended by LF, CRLF or CR. Quoted fields keep their content exactly,
 * line breaks included. Blank lines are skipped.
 *
 * <p>A malformed record (a quote inside an unquoted field, a character after a closing quote, a record longer than
 * the limit) is returned with its problem and the reader resumes at the next line, so one bad record does not stop
 * the file. Apache Commons CSV cannot resume after such a record, and it reports the line where a record ends, not
 * where it starts: hence this reader.
 */
final class CsvRecordReader implements Closeable {

    /**
     * One record.
     *
     * @param line the physical line where the record starts
     * @param values the field values, or null when the record is malformed
     * @param problem why the record is malformed, or null
     */
    record CsvRecord(long line, List<String> values, String problem) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, AFTER_CLOSING_QUOTE }

    private final LineCountingInput input;
    private final int maxRecordChars;

    CsvRecordReader(LineCountingInput input, int maxRecordChars) {
        this.input = input;
        this.maxRecordChars = maxRecordChars;
    }

    /** Returns the next record, or null at the end of the file. */
    CsvRecord next() throws IOException {
        while (true) {
            if (input.peek() == LineCountingInput.END) {
                return null;
            }
            if (isLineBreak(input.peek())) {
                consumeLineBreak(input.next());
                continue;
            }
            return readRecord();
        }
    }

    private CsvRecord readRecord() throws IOException {
        long startLine = input.line();
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int recordChars = 0;
        State state = State.FIELD_START;

        while (true) {
            int c = input.next();

            if (c == LineCountingInput.END) {
                if (state == State.QUOTED) {
                    return malformed(startLine, "the quoted field opened in this record is not closed before the "
                            + "end of the file");
                }
                return finish(startLine, values, field);
            }

            recordChars++;
            if (recordChars > maxRecordChars) {
                // Keep reading to the record's real end, but stop buffering it, so memory stays bounded.
                skipRestOfRecord(state, c);
                return malformed(startLine, "the record is longer than " + maxRecordChars + " characters");
            }

            switch (state) {
                case FIELD_START:
                    if (c == '"') {
                        state = State.QUOTED;
                    } else if (c == ',') {
                        values.add("");
                    } else if (isLineBreak(c)) {
                        consumeLineBreak(c);
                        values.add("");
                        return new CsvRecord(startLine, values, null);
                    } else {
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                    break;
                case UNQUOTED:
                    if (c == ',') {
                        values.add(takeField(field));
                        state = State.FIELD_START;
                    } else if (isLineBreak(c)) {
                        consumeLineBreak(c);
                        return finish(startLine, values, field);
                    } else if (c == '"') {
                        input.skipLine();
                        return malformed(startLine, "a double quote appears inside an unquoted field; quote the "
                                + "whole field and double the quotes inside it");
                    } else {
                        field.append((char) c);
                    }
                    break;
                case QUOTED:
                    if (c == '"' && input.peek() == '"') {
                        input.next();
                        field.append('"');
                    } else if (c == '"') {
                        state = State.AFTER_CLOSING_QUOTE;
                    } else {
                        field.append((char) c);
                    }
                    break;
                case AFTER_CLOSING_QUOTE:
                    if (c == ',') {
                        values.add(takeField(field));
                        state = State.FIELD_START;
                    } else if (isLineBreak(c)) {
                        consumeLineBreak(c);
                        values.add(takeField(field));
                        return new CsvRecord(startLine, values, null);
                    } else {
                        skipRestOfLine(c);
                        return malformed(startLine, "a character follows a closing quote; a quoted field must end "
                                + "at a comma or a line break");
                    }
                    break;
                default:
                    throw new IllegalStateException("Unhandled CSV state " + state);
            }
        }
    }

    private static CsvRecord finish(long startLine, List<String> values, StringBuilder field) {
        values.add(takeField(field));
        return new CsvRecord(startLine, values, null);
    }

    private static CsvRecord malformed(long startLine, String problem) {
        return new CsvRecord(startLine, null, problem);
    }

    private static String takeField(StringBuilder field) {
        String value = field.toString();
        field.setLength(0);
        return value;
    }

    private void skipRestOfLine(int consumed) throws IOException {
        if (!isLineBreak(consumed)) {
            input.skipLine();
        } else {
            consumeLineBreak(consumed);
        }
    }

    /** Consumes the rest of an over-long record, following quotes so a quoted line break does not end it early. */
    private void skipRestOfRecord(State state, int firstChar) throws IOException {
        boolean quoted = state == State.QUOTED;
        int c = firstChar;
        while (c != LineCountingInput.END) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && isLineBreak(c)) {
                consumeLineBreak(c);
                return;
            }
            c = input.next();
        }
    }

    private void consumeLineBreak(int c) throws IOException {
        if (c == '\r' && input.peek() == '\n') {
            input.next();
        }
    }

    private static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r';
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
