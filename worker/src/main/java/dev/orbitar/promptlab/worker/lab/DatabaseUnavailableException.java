package dev.orbitar.promptlab.worker.lab;

/** The database could not be reached at start. The message names host, port and database, never the password. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String displayUrl, Throwable cause) {
        super("Cannot connect to " + displayUrl + ": " + rootMessage(cause)
                + ". Check that the server is running and reachable, and the user name and password", cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root.getMessage() == null) {
            return root.getClass().getSimpleName();
        }
        // The driver ends some messages with a period, and the sentence here goes on after this one.
        String message = root.getMessage().strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
