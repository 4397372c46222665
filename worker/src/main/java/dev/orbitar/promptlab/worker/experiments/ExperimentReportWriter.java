package dev.orbitar.promptlab.worker.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.orbitar.promptlab.worker.report.PairedDifference;
import dev.orbitar.promptlab.worker.report.Score;
import dev.orbitar.promptlab.worker.report.TableReport;
import dev.orbitar.promptlab.worker.report.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes the experiment report as a terminal table, as CSV (one line per candidate) or as one JSON object. */
public final class ExperimentReportWriter {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ExperimentReportWriter() {
    }

    /** Prints the experiment, then per candidate the paired comparison, the guardrails and the recommendation. */
    public static void printTable(ExperimentReport report, PrintWriter out) {
        ExperimentCriteria criteria = report.criteria();
        out.printf("Experiment %s: %d tasks, %d runs%n", report.experiment(), report.tasks(), report.runs());
        if (report.ga() != null) {
            out.printf("ga: %s (%d runs, %d failed)%n", report.ga(), report.gaRuns(), report.gaFailedRuns());
        }
        out.printf(Locale.ROOT, "Criteria: at least %d paired tasks; margins %s on structure, contract and domain,"
                + " %s on error rate, %s%% of ga's cost per run; minimum overall effect %s; 95%% intervals;"
                + " power %s for the more-tasks estimate%n", criteria.minimumPairs(),
                CandidateJudge.number(criteria.scoreMargin()), CandidateJudge.number(criteria.errorRateMargin()),
                CandidateJudge.number(criteria.costMargin() * 100), CandidateJudge.number(criteria.minimumEffect()),
                CandidateJudge.number(criteria.power()));
        report.warnings().forEach(warning -> out.println("Warning: " + warning));
        if (report.candidates().isEmpty()) {
            out.println();
            out.println("No candidate runs to compare.");
        }

        for (CandidateAssessment candidate : report.candidates()) {
            out.println();
            out.printf("Candidate %s (%d runs, %d failed): %s%n", candidate.candidate(), candidate.runs(),
                    candidate.failedRuns(), candidate.recommendation().label());
            out.println();
            TableReport.printComparison(candidate.comparison(), out);
            out.println();
            printGuardrails(candidate.guardrails(), out);
            out.println();
            out.println("Recommendation: " + sentence(candidate));
        }
    }

    /** Returns the recommendation with its reason and, for keep testing, the estimate of more paired tasks. */
    static String sentence(CandidateAssessment candidate) {
        String sentence = candidate.recommendation().label() + ": " + candidate.reason();
        if (candidate.recommendation() != Recommendation.KEEP_TESTING) {
            return sentence + ".";
        }
        if (candidate.moreTasks() == null) {
            return sentence + ". No number of paired tasks is estimated, because the observed effect is zero or"
                    + " its spread is unknown.";
        }
        return sentence + ". About " + candidate.moreTasks() + " more paired tasks would settle it at the observed"
                + " effect.";
    }

    private static void printGuardrails(List<Guardrail> guardrails, PrintWriter out) {
        TextTable table = new TextTable(List.of("Guardrail", "n", "Worse by", "95% CI", "Margin", "Verdict"),
                false, true, true, true, true, false);
        for (Guardrail guardrail : guardrails) {
            String interval = guardrail.worseLow() == null ? ""
                    : "[" + CandidateJudge.signed(guardrail.worseLow()) + ", "
                            + CandidateJudge.signed(guardrail.worseHigh()) + "]";
            table.add(List.of(guardrail.measure().label(), String.valueOf(guardrail.n()),
                    guardrail.worseBy() == null ? "" : CandidateJudge.signed(guardrail.worseBy()), interval,
                    guardrail.n() == 0 ? "" : CandidateJudge.number(guardrail.margin()),
                    guardrail.verdict().key().replace('_', ' ')));
        }
        table.print(out);
        out.println("Worse by is positive when the candidate is worse: ga minus candidate for scores, candidate"
                + " minus ga for error rate and cost.");
    }

    /** Returns the CSV columns, in order. */
    public static List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("experiment", "ga", "candidate", "pairedTasks",
                "overallMeanDifference", "overallCiLow", "overallCiHigh", "overallP"));
        for (GuardrailMeasure measure : GuardrailMeasure.values()) {
            header.add(measure.key() + "WorseBy");
            header.add(measure.key() + "Verdict");
        }
        header.addAll(List.of("recommendation", "moreTasks", "reason"));
        return header;
    }

    /** Writes one CSV line per candidate; empty fields mean "no value", never zero. */
    public static void writeCsv(ExperimentReport report, Appendable out) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(csvHeader().toArray(String[]::new)).get();
        try {
            CSVPrinter printer = new CSVPrinter(out, format);
            for (CandidateAssessment candidate : report.candidates()) {
                PairedDifference overall = candidate.comparison().score(Score.OVERALL);
                List<Object> record = new ArrayList<>(List.of(report.experiment(), String.valueOf(report.ga()),
                        candidate.candidate().toString(), overall.n(), text(overall.meanDifference()),
                        text(overall.ciLow()), text(overall.ciHigh()), text(overall.p())));
                for (Guardrail guardrail : candidate.guardrails()) {
                    record.add(text(guardrail.worseBy()));
                    record.add(guardrail.verdict().key());
                }
                record.add(candidate.recommendation().key());
                record.add(candidate.moreTasks() == null ? "" : candidate.moreTasks().toString());
                record.add(candidate.reason());
                printer.printRecord(record);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the CSV experiment report failed", e);
        }
    }

    /** Returns the report as one indented JSON object; missing values are null, never zero. */
    public static String json(ExperimentReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising the experiment report as JSON failed: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String text(Double value) {
        return value == null ? "" : Double.toString(value);
    }
}
