package dev.orbitar.promptlab.worker.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the leaderboard or the comparison as RFC 4180 CSV with a header line. Empty fields mean "no value"
 * (no scored run, no usage row), never zero.
 */
public final class CsvReport {

    private CsvReport() {
    }

    /** Returns the leaderboard columns, in order. */
    public static List<String> leaderboardHeader() {
        List<String> header = new ArrayList<>(List.of("templateSlug", "templateVersion", "runs", "done", "failed",
                "pending", "syntheticRuns", "sampleRuns"));
        for (Score score : Score.values()) {
            header.add(score.key() + "Mean");
            header.add(score.key() + "CiLow");
            header.add(score.key() + "CiHigh");
            header.add(score.key() + "N");
        }
        header.addAll(List.of("errorRate", "medianLatencyMs", "totalCostUsd", "lastRunAt"));
        return header;
    }

    /** Returns the comparison columns, in order. */
    public static List<String> comparisonHeader() {
        return List.of("baseline", "candidate", "score", "n", "meanDifference", "ciLow", "ciHigh", "t", "df", "p",
                "candidateWins", "baselineWins", "ties");
    }

    public static void writeLeaderboard(Leaderboard leaderboard, Appendable out) {
        print(out, leaderboardHeader(), printer -> {
            for (LeaderboardRow row : leaderboard.rows()) {
                List<String> record = new ArrayList<>(List.of(row.templateSlug(), row.templateVersion(),
                        String.valueOf(row.runs()), String.valueOf(row.done()), String.valueOf(row.failed()),
                        String.valueOf(row.pending()), String.valueOf(row.syntheticRuns()),
                        String.valueOf(row.sampleRuns())));
                for (Score score : Score.values()) {
                    MeanEstimate estimate = row.estimate(score);
                    record.add(Numbers.plain(estimate.mean()));
                    record.add(Numbers.plain(estimate.ciLow()));
                    record.add(Numbers.plain(estimate.ciHigh()));
                    record.add(String.valueOf(estimate.n()));
                }
                record.addAll(List.of(Numbers.plain(row.errorRate()), Numbers.plain(row.medianLatencyMs()),
                        Numbers.usd(row.totalCostUsd()), Numbers.instant(row.lastRunAt())));
                printer.printRecord(record);
            }
        });
    }

    public static void writeComparison(Comparison comparison, Appendable out) {
        print(out, comparisonHeader(), printer -> {
            for (PairedDifference result : comparison.scores()) {
                printer.printRecord(comparison.baseline().toString(), comparison.candidate().toString(),
                        result.score().key(), String.valueOf(result.n()), Numbers.plain(result.meanDifference()),
                        Numbers.plain(result.ciLow()), Numbers.plain(result.ciHigh()), Numbers.plain(result.t()),
                        Numbers.integer(result.df()), Numbers.plain(result.p()),
                        String.valueOf(result.candidateWins()), String.valueOf(result.baselineWins()),
                        String.valueOf(result.ties()));
            }
        });
    }

    private interface Records {
        void printTo(CSVPrinter printer) throws IOException;
    }

    private static void print(Appendable out, List<String> header, Records records) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get();
        try {
            CSVPrinter printer = new CSVPrinter(out, format);
            records.printTo(printer);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the CSV report failed", e);
        }
    }
}
