package dev.orbitar.promptlab.worker.scoring.judge;

/** A judge answer from which no valid set of scores could be read. */
public class JudgeAnswerException extends Exception {

    public JudgeAnswerException(String message) {
        super(message);
    }
}
