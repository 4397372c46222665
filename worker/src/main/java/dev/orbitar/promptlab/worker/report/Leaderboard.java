package dev.orbitar.promptlab.worker.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The leaderboard of the runs in a selection, best mean overall score first, plus every score value per version
 * for the distribution charts.
 *
 * @param rows one row per template version
 * @param samples per version and score, the values of its done runs in creation order
 */
public record Leaderboard(List<LeaderboardRow> rows, Map<TemplateVersion, Map<Score, List<Double>>> samples) {

    private static final Comparator<LeaderboardRow> RANKING = Comparator
            .comparing((LeaderboardRow row) -> row.overall().mean(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(LeaderboardRow::templateKey);

    public Leaderboard {
        rows = List.copyOf(rows);
        samples = Map.copyOf(samples);
    }

    /** Builds the leaderboard from runs read by {@link RunReader}. */
    public static Leaderboard of(List<RunRow> runs) {
        Map<TemplateVersion, List<RunRow>> byVersion = new TreeMap<>();
        for (RunRow run : runs) {
            byVersion.computeIfAbsent(run.templateKey(), key -> new ArrayList<>()).add(run);
        }

        List<LeaderboardRow> rows = new ArrayList<>();
        Map<TemplateVersion, Map<Score, List<Double>>> samples = new LinkedHashMap<>();
        for (Map.Entry<TemplateVersion, List<RunRow>> entry : byVersion.entrySet()) {
            Map<Score, List<Double>> values = scoreValues(entry.getValue());
            samples.put(entry.getKey(), values);
            rows.add(summarise(entry.getKey(), entry.getValue(), values));
        }
        rows.sort(RANKING);
        return new Leaderboard(rows, samples);
    }

    /** Returns the leaderboard restricted to the given versions, in ranking order. */
    public Leaderboard only(Set<TemplateVersion> versions) {
        List<LeaderboardRow> kept = rows.stream().filter(row -> versions.contains(row.templateKey())).toList();
        Map<TemplateVersion, Map<Score, List<Double>>> keptSamples = new LinkedHashMap<>();
        samples.forEach((version, values) -> {
            if (versions.contains(version)) {
                keptSamples.put(version, values);
            }
        });
        return new Leaderboard(kept, keptSamples);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Returns the score values of one version, or an empty list when it has none. */
    public List<Double> values(TemplateVersion version, Score score) {
        return samples.getOrDefault(version, Map.of()).getOrDefault(score, List.of());
    }

    private static Map<Score, List<Double>> scoreValues(List<RunRow> runs) {
        Map<Score, List<Double>> values = new EnumMap<>(Score.class);
        for (Score score : Score.values()) {
            values.put(score, runs.stream()
                    .filter(RunRow::done)
                    .map(run -> run.scores().get(score))
                    .filter(Objects::nonNull)
                    .toList());
        }
        return values;
    }

    private static LeaderboardRow summarise(TemplateVersion version, List<RunRow> runs,
            Map<Score, List<Double>> values) {
        int done = (int) runs.stream().filter(RunRow::done).count();
        int failed = (int) runs.stream().filter(RunRow::failed).count();
        int pending = (int) runs.stream().filter(RunRow::pending).count();
        int synthetic = (int) runs.stream().filter(RunRow::synthetic).count();
        int sample = (int) runs.stream().filter(RunRow::sample).count();

        Double errorRate = done + failed == 0 ? null : (double) failed / (done + failed);

        List<Double> latencies = runs.stream()
                .map(RunRow::latencyMillis)
                .filter(Objects::nonNull)
                .map(Long::doubleValue)
                .toList();
        Double medianLatency = ScoreStatistics.percentile(latencies, 50);

        // NOTE: runs with an unknown cost add nothing, so the total understates the spend when some costs are null.
        BigDecimal totalCost = runs.stream()
                .map(RunRow::costUsd)
                .filter(Objects::nonNull)
                .reduce(BigDecimal::add)
                .orElse(null);

        Instant lastRun = runs.stream().map(RunRow::createdAt).max(Comparator.naturalOrder()).orElse(null);

        return new LeaderboardRow(version.slug(), version.version(), runs.size(), done, failed, pending, synthetic,
                sample,
                ScoreStatistics.meanWithInterval(values.get(Score.STRUCTURE)),
                ScoreStatistics.meanWithInterval(values.get(Score.CONTRACT)),
                ScoreStatistics.meanWithInterval(values.get(Score.DOMAIN)),
                ScoreStatistics.meanWithInterval(values.get(Score.OVERALL)),
                errorRate, medianLatency, totalCost, lastRun);
    }
}
