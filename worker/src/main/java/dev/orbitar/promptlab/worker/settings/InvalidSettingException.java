package dev.orbitar.promptlab.worker.settings;

/**
 * A setting with a value the worker does not accept. The message is one line that names the setting, the value
 * (never a secret) and what is accepted; the process exits with code 2.
 */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String setting, String shownValue, String accepted) {
        super("Invalid " + setting + " '" + shownValue + "': " + accepted);
    }

    public InvalidSettingException(String message) {
        super(message);
    }
}
