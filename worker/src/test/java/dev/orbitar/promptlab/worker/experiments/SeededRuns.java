package dev.orbitar.promptlab.worker.experiments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds experiment runs with chosen scores for tests: one ga run and one run per candidate for each task. The
 * scores are deterministic. The per-task jitter (-2, +1, -1, +2, 0 steps, repeating) averages to zero over every
 * five tasks, so with a multiple of five tasks a candidate's mean difference is exactly its shift.
 */
final class SeededRuns {

    static final String GA_SLUG = "coding_feature_default";
    static final String GA_VERSION = "1.0.0";
    static final double GA_OVERALL = 0.60;

    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    private final List<ExperimentRun> runs = new ArrayList<>();
    private int sequence;

    /** Returns the jitter step of task i: -2, +1, -1, +2 or 0. */
    static int jitter(int task) {
        return (task * 3) % 5 - 2;
    }

    /** Adds the ga runs of tasks 0..count-1, with overall 0.60 plus a jitter of 0.02 per step. */
    SeededRuns ga(int count) {
        for (int task = 0; task < count; task++) {
            add("ga", GA_SLUG, GA_VERSION, task, "done", gaOverall(task), 0.5, null);
        }
        return this;
    }

    /**
     * Adds a candidate's runs of tasks 0..count-1 whose overall score is ga's plus {@code shift} plus
     * {@code spread} per jitter step; the other three scores equal ga's unless {@code contractDrop} lowers the
     * contract score.
     */
    SeededRuns candidate(String version, int count, double shift, double spread, double contractDrop) {
        for (int task = 0; task < count; task++) {
            double overall = gaOverall(task) + shift + spread * jitter(task);
            add("candidate", GA_SLUG, version, task, "done", overall, 0.5 - contractDrop, null);
        }
        return this;
    }

    /** Adds one run with every field chosen. */
    SeededRuns add(String arm, String slug, String version, int task, String status, Double overall,
            double contract, BigDecimal costUsd) {
        sequence++;
        boolean done = "done".equals(status);
        runs.add(new ExperimentRun(arm, String.format("run%05d", sequence), slug, version, "synthetic",
                String.format("task%03d", task), null, "offline/rules-v1", status, START.plusSeconds(sequence),
                "coding", done ? 0.5 : null, done ? contract : null, done ? 0.5 : null, done ? overall : null,
                costUsd == null ? "offline" : "openrouter", 10L, costUsd));
        return this;
    }

    List<ExperimentRun> runs() {
        return List.copyOf(runs);
    }

    private static double gaOverall(int task) {
        return GA_OVERALL + 0.02 * jitter(task);
    }
}
