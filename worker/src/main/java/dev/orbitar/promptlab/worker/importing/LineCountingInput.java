package dev.orbitar.promptlab.worker.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a UTF-8 file one character at a time through fixed buffers and counts physical lines, so readers can
 * report the line where a record starts. A line ends at LF, CRLF or a lone CR. A leading byte order mark is
 * dropped. Bytes that are not UTF-8 raise {@link InvalidUtf8Exception} with their line instead of turning into
 * replacement characters: the decoding happens here rather than in an InputStreamReader so that the characters
 * before the bad bytes are still delivered and the line is exact.
 */
final class LineCountingInput implements Closeable {

    static final int END = -1;

    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream stream;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private boolean endOfBytes;
    private boolean decoderFlushed;

    private final char[] buffer = new char[BUFFER_SIZE];
    private int position;
    private int limit;
    private long line = 1;

    LineCountingInput(InputStream stream) throws IOException {
        this.stream = stream;
        if (peek() == '\uFEFF') {
            position++;
        }
    }

    static LineCountingInput open(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        try {
            return new LineCountingInput(stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Returns the 1-based line of the next character. */
    long line() {
        return line;
    }

    /** Returns the next character without consuming it, or {@link #END}. */
    int peek() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    /** Consumes and returns the next character, or {@link #END}. */
    int next() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        char c = buffer[position++];
        if (c == '\n' || c == '\r' && peek() != '\n') {
            line++;
        }
        return c;
    }

    /** Consumes characters up to and including the end of the current line. */
    void skipLine() throws IOException {
        int c;
        do {
            c = next();
        } while (c != END && c != '\n' && !(c == '\r' && peek() != '\n'));
    }

    /** Decodes the next characters into the empty char buffer; returns false at the end of the file. */
    private boolean fill() throws IOException {
        if (decoderFlushed) {
            return false;
        }
        CharBuffer out = CharBuffer.wrap(buffer);
        while (out.position() == 0) {
            CoderResult result = decoder.decode(bytes, out, endOfBytes);
            if (result.isError() && out.position() > 0) {
                // Deliver the characters before the bad bytes first, because the decoder reports them again next time.
                break;
            }
            if (result.isError()) {
                // Every character before the bad bytes has been consumed, so the current line is theirs.
                throw new InvalidUtf8Exception(line);
            }
            if (result.isUnderflow()) {
                if (endOfBytes) {
                    decoder.flush(out);
                    decoderFlushed = true;
                    break;
                }
                readBytes();
            }
        }
        position = 0;
        limit = out.position();
        return limit > 0;
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int count = stream.read(bytes.array(), bytes.position(), bytes.remaining());
        if (count < 0) {
            endOfBytes = true;
        } else {
            bytes.position(bytes.position() + count);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
