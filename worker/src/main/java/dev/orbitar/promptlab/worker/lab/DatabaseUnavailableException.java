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
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
