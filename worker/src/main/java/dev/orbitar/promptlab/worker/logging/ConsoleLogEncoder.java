package dev.orbitar.promptlab.worker.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * The console appender's encoder: plain text with {@code pattern}, or one JSON object per line through
 * {@link CloudLoggingEncoder}, whichever {@link LogFormat} selects from the environment when Logback starts. One
 * appender with a choosing encoder keeps logback.xml free of unused appenders, which Logback would report as a
 * warning on the console before the first log line.
 */
public final class ConsoleLogEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern;
    private String projectId;
    private LogFormat format;
    private Encoder<ILoggingEvent> delegate;

    /** Sets the Logback pattern of the text format. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** Sets the Google Cloud project id used in trace names of the JSON format; blank means unknown. */
    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    /** Sets the format ({@code json} or {@code text}) instead of choosing it from the environment. */
    public void setFormat(String format) {
        this.format = format == null || format.isBlank() ? null
                : LogFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
    }

    /** Returns the format in use, once started. */
    public LogFormat format() {
        return format;
    }

    @Override
    public void start() {
        if (format == null) {
            format = LogFormat.resolve(System.getenv());
        }

        if (format == LogFormat.JSON) {
            CloudLoggingEncoder json = new CloudLoggingEncoder();
            json.setProjectId(projectId);
            delegate = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
