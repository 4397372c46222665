package dev.orbitar.promptlab.worker.experiments;

import picocli.CommandLine.Option;

/**
 * The {@code report} options of the experiment report, mixed into the report command with {@code @Mixin}. The
 * margins are read only with {@code --experiment}.
 */
public class ExperimentReportOptions {

    @Option(names = "--experiment", paramLabel = "NAME",
            description = "Show each candidate of experiment NAME against its ga version with the paired statistics"
                    + " and a recommendation: promote, keep testing (with about how many more paired tasks would"
                    + " settle it) or retire. Combines with --since, --until and --format only.")
    String experiment;

    @Option(names = "--score-margin", paramLabel = "POINTS",
            description = "With --experiment: how much lower than ga's a candidate's structure, contract or domain"
                    + " score may be, 0 to 1. Default 0.02.")
    Double scoreMargin;

    @Option(names = "--error-margin", paramLabel = "FRACTION",
            description = "With --experiment: how much higher than ga's a candidate's error rate may be, 0 to 1"
                    + " (0.02 = 2 percentage points). Default 0.02.")
    Double errorRateMargin;

    @Option(names = "--cost-margin", paramLabel = "FRACTION",
            description = "With --experiment: how much more than ga's a candidate's cost per run may be, as a"
                    + " fraction of ga's (0.10 = 10%%), 0 or more. Default 0.10.")
    Double costMargin;

    @Option(names = "--min-effect", paramLabel = "POINTS",
            description = "With --experiment: the smallest overall score improvement worth promoting, 0 to 1;"
                    + " a candidate whose interval lies below it is retired. Default 0.01.")
    Double minimumEffect;

    /** Returns true when {@code --experiment} was given. */
    public boolean requested() {
        return experiment != null;
    }

    /** Returns the experiment name, stripped, or null when {@code --experiment} was not given. */
    public String experiment() {
        return experiment == null ? null : experiment.strip();
    }

    /**
     * Returns the criteria with the margins given, defaults for the others.
     *
     * @throws IllegalArgumentException with a one-line message naming the option, when a value is out of range or
     *     a margin is given without {@code --experiment}
     */
    public ExperimentCriteria criteria() {
        if (!requested()) {
            if (scoreMargin != null || errorRateMargin != null || costMargin != null || minimumEffect != null) {
                throw new IllegalArgumentException("Invalid margin option: --score-margin, --error-margin,"
                        + " --cost-margin and --min-effect apply only with --experiment NAME; add it or drop them.");
            }
            return ExperimentCriteria.defaults();
        }
        if (experiment().isEmpty()) {
            throw new IllegalArgumentException("Invalid --experiment value '" + experiment
                    + "': expected an experiment name such as coding-next.");
        }

        ExperimentCriteria defaults = ExperimentCriteria.defaults();
        return new ExperimentCriteria(
                fraction("--score-margin", scoreMargin, defaults.scoreMargin(), 1),
                fraction("--error-margin", errorRateMargin, defaults.errorRateMargin(), 1),
                fraction("--cost-margin", costMargin, defaults.costMargin(), Double.MAX_VALUE),
                fraction("--min-effect", minimumEffect, defaults.minimumEffect(), 1),
                defaults.minimumPairs(),
                defaults.power());
    }

    private static double fraction(String option, Double value, double defaultValue, double max) {
        if (value == null) {
            return defaultValue;
        }
        if (value.isNaN() || value < 0 || value > max) {
            String range = max == 1 ? "from 0 to 1" : "of 0 or more";
            throw new IllegalArgumentException("Invalid " + option + " value '" + value + "': expected a number "
                    + range + ".");
        }
        return value;
    }
}
