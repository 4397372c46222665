package dev.orbitar.promptlab.worker.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.orbitar.promptlab.worker.cli.PromptLabCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Runs worker commands in-process, as {@code java -jar prompt-lab-worker.jar} does, and captures what the process
 * would show: the exit code, standard output, standard error and every log event.
 */
final class LabCli {

    private LabCli() {
    }

    /** Runs one command with the given environment; standard output and error are swapped for the call's length. */
    static synchronized Result run(Map<String, String> environment, String... args) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = PromptLabCommand.execute(args, environment);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            root.detachAppender(logs);
            logs.stop();
        }

        String errText = err.toString(StandardCharsets.UTF_8);
        // Echo standard error, so a failing test shows what the worker printed.
        originalErr.print(errText);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), errText.lines().toList(),
                List.copyOf(logs.list));
    }

    /**
     * What one command did.
     *
     * @param exitCode the process exit code
     * @param out standard output
     * @param errLines the lines of standard error
     * @param events every log event, from every thread, in order
     */
    record Result(int exitCode, String out, List<String> errLines, List<ILoggingEvent> events) {

        /** Returns the formatted message of every log event. */
        List<String> logLines() {
            return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }

        /** Returns the formatted messages of the events at a level. */
        List<String> logLines(Level level) {
            return events.stream().filter(event -> event.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        /** Returns the log lines from one logger, such as PromptLabRunner. */
        List<String> logLinesOf(String loggerName) {
            return events.stream().filter(event -> event.getLoggerName().equals(loggerName))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        /** Returns the number of log events that carry a stack trace. */
        long stackTraces() {
            return events.stream().filter(event -> event.getThrowableProxy() != null).count();
        }

        /** Returns every line the process showed: output, errors, log messages and the messages of their causes. */
        List<String> everyLine() {
            List<String> lines = new ArrayList<>(out.lines().toList());
            lines.addAll(errLines);
            for (ILoggingEvent event : events) {
                lines.add(event.getFormattedMessage());
                for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                    lines.add(cause.getClassName() + ": " + cause.getMessage());
                }
            }
            return lines;
        }
    }
}
