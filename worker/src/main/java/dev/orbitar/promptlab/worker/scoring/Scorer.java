package dev.orbitar.promptlab.worker.scoring;

/** Scores a refined prompt. Implementations are thread-safe. */
public interface Scorer {

    /**
     * Scores one refined prompt for a task category.
     *
     * @throws ScoringException when no score can be given; the run then ends as error {@code score_failed}
     */
    ScoreCard score(String prompt, String category) throws ScoringException;
}
