package dev.orbitar.promptlab.worker.http;

/** A run request the worker rejects before starting a batch; the message goes to the caller as is. */
final class BadRequestException extends Exception {

    private final int status;

    BadRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    BadRequestException(String message) {
        this(400, message);
    }

    int status() {
        return status;
    }
}
