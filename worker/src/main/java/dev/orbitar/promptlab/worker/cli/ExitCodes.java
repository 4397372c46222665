package dev.orbitar.promptlab.worker.cli;

/** The worker's exit codes, as documented in the README. */
public final class ExitCodes {

    /** The batch ran; failed tasks are recorded as error runs. */
    public static final int OK = 0;

    /** The batch could not run: the database is unreachable, the limit is above LAB_MAX_SAFE, a fatal error. */
    public static final int FAILED = 1;

    /** Invalid configuration: a setting, flag or argument with a value the worker does not accept. */
    public static final int INVALID_CONFIGURATION = 2;

    private ExitCodes() {
    }
}
