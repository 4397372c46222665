package dev.orbitar.promptlab.worker.batch;

/** A batch that could not run or record its work (the database is gone, for instance): exit code 1. */
public class BatchFailedException extends RuntimeException {

    public BatchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
