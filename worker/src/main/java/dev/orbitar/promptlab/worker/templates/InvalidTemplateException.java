package dev.orbitar.promptlab.worker.templates;

/**
 * A template file or template set that the catalog rejects. The message is one line naming the file, the field and
 * what is accepted; the worker exits with code 2 because a bad template is a configuration error.
 */
public class InvalidTemplateException extends RuntimeException {

    public InvalidTemplateException(String message) {
        super(message);
    }

    public InvalidTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
