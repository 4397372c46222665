package dev.orbitar.promptlab.worker.report;

/**
 * One task that both compared versions ran, with the scores of each version's latest done run of it.
 *
 * @param task the task key, {@code synthetic:<id>} or {@code sample:<id>}
 * @param baselineRunId the baseline's LabRun id
 * @param candidateRunId the candidate's LabRun id
 * @param baseline the baseline's scores
 * @param candidate the candidate's scores
 */
public record PairedTask(
        String task,
        String baselineRunId,
        String candidateRunId,
        ScoreValues baseline,
        ScoreValues candidate) {

    /** Returns candidate minus baseline for one score, or null when either is missing. */
    public Double difference(Score score) {
        Double before = baseline.get(score);
        Double after = candidate.get(score);
        return before == null || after == null ? null : after - before;
    }
}
