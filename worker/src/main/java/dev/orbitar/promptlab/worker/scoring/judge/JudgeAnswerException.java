package dev.orbitar.promptlab.worker.scoring.judge;

/** A judge response from which no valid set of scores could be read. */
public class JudgeAnswerException extends Exception {

    public JudgeAnswerException(String message) {
        super(message);
    }
}
