package dev.orbitar.promptlab.worker.scoring;

/** A refinement that could not be scored. */
public class ScoringException extends Exception {

    public ScoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
