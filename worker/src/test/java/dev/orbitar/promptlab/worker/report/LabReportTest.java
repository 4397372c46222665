package dev.orbitar.promptlab.worker.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every number of the leaderboard and the comparison against values computed by hand from
 * {@code report/seed.sql}. t quantiles: t(0.975, 1) = 12.7062047362, t(0.975, 2) = 4.3026527297,
 * t(0.975, 3) = 3.1824463053.
 */
class LabReportTest {

    private static final double EXACT = 1e-12;
    private static final double CLOSE = 1e-9;

    private static final TemplateVersion A = new TemplateVersion("coding_feature_default", "1.0.0");
    private static final TemplateVersion B = new TemplateVersion("coding_feature_default", "1.1.0");
    private static final TemplateVersion C = new TemplateVersion("writing_blog_default", "1.0.0");
    private static final TemplateVersion D = new TemplateVersion("general_chat_default", "1.0.0");

    private static ReportDatabases databases;
    private static LabReport report;

    @BeforeAll
    static void startDatabase() throws Exception {
        databases = ReportDatabases.start();
        report = new LabReport(databases.seeded());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        databases.close();
    }

    @Test
    void leaderboardRanksByMeanOverall() {
        Leaderboard leaderboard = report.leaderboard(ReportFilter.all());

        // B 0.7875 > A 0.625 > C 0.55 > D (no scores, last).
        assertThat(leaderboard.rows()).extracting(LeaderboardRow::templateKey).containsExactly(B, A, C, D);
    }

    @Test
    void leaderboardCountsOfVersionA() {
        LeaderboardRow a = row(report.leaderboard(ReportFilter.all()), A);

        assertThat(a.runs()).isEqualTo(5);
        assertThat(a.done()).isEqualTo(4);
        assertThat(a.failed()).isEqualTo(1);
        assertThat(a.pending()).isZero();
        assertThat(a.syntheticRuns()).isEqualTo(4);
        assertThat(a.sampleRuns()).isEqualTo(1);
        // 1 failed / (4 done + 1 failed)
        assertThat(a.errorRate()).isCloseTo(0.2, within(EXACT));
        assertThat(a.lastRunAt()).isEqualTo(Instant.parse("2025-03-02T11:00:00Z"));
    }

    @Test
    void leaderboardScoresOfVersionA() {
        LeaderboardRow a = row(report.leaderboard(ReportFilter.all()), A);

        // overall 0.4, 0.6, 0.7, 0.8 (run_a1's newer LabScore; its older 0.05 is ignored): mean 2.5 / 4 = 0.625
        // squared deviations 0.050625 + 0.000625 + 0.005625 + 0.030625 = 0.0875; sd = sqrt(0.0875 / 3) = 0.1707825128
        // se = 0.1707825128 / 2 = 0.0853912564; half = 3.1824463053 * se = 0.2717530884
        assertThat(a.overall().n()).isEqualTo(4);
        assertThat(a.overall().mean()).isCloseTo(0.625, within(EXACT));
        assertThat(a.overall().ciLow()).isCloseTo(0.3532469116, within(CLOSE));
        assertThat(a.overall().ciHigh()).isCloseTo(0.8967530884, within(CLOSE));

        // structure 0.4, 0.5, 0.5, 0.5: mean 0.475; sd = sqrt((0.005625 + 3 * 0.000625) / 3) = 0.05
        // se = 0.025; half = 3.1824463053 * 0.025 = 0.0795611576
        assertThat(a.structure().mean()).isCloseTo(0.475, within(EXACT));
        assertThat(a.structure().ciLow()).isCloseTo(0.3954388424, within(CLOSE));
        assertThat(a.structure().ciHigh()).isCloseTo(0.5545611576, within(CLOSE));

        // contract 0.4, 0.5, 0.9 (run_a2 has none): mean 0.6; sd = sqrt((0.04 + 0.01 + 0.09) / 2) = 0.2645751311
        // se = 0.1527525232; half = 4.3026527297 * se = 0.6572410608; the interval is not clipped to 0..1
        assertThat(a.contract().n()).isEqualTo(3);
        assertThat(a.contract().mean()).isCloseTo(0.6, within(EXACT));
        assertThat(a.contract().ciLow()).isCloseTo(-0.0572410608, within(CLOSE));
        assertThat(a.contract().ciHigh()).isCloseTo(1.2572410608, within(CLOSE));

        // domain has the same values as structure
        assertThat(a.domain().mean()).isCloseTo(0.475, within(EXACT));
        assertThat(a.domain().ciHigh()).isCloseTo(0.5545611576, within(CLOSE));
    }

    @Test
    void leaderboardUsageOfVersionA() {
        LeaderboardRow a = row(report.leaderboard(ReportFilter.all()), A);

        // latencies 900, 1000, 1200, 1500, 3000 -> median 1200
        assertThat(a.medianLatencyMs()).isEqualTo(1200.0);
        // known costs 0.0010 + 0.0012 + 0.0020; run_a2 and run_a4 have none
        assertThat(a.totalCostUsd()).isEqualByComparingTo(new BigDecimal("0.0042"));
    }

    @Test
    void leaderboardOfVersionB() {
        LeaderboardRow b = row(report.leaderboard(ReportFilter.all()), B);

        assertThat(b.runs()).isEqualTo(6);
        assertThat(b.done()).isEqualTo(4);
        assertThat(b.failed()).isEqualTo(1);
        assertThat(b.pending()).isEqualTo(1);
        assertThat(b.syntheticRuns()).isEqualTo(5);
        assertThat(b.sampleRuns()).isEqualTo(1);
        // 1 / (4 + 1); the pending run is not finished
        assertThat(b.errorRate()).isCloseTo(0.2, within(EXACT));
        // the pending run_b6 is the newest
        assertThat(b.lastRunAt()).isEqualTo(Instant.parse("2025-03-05T08:00:00Z"));
        // latencies 800, 1000, 1100, 1300 -> (1000 + 1100) / 2
        assertThat(b.medianLatencyMs()).isEqualTo(1050.0);
        // 3 * 0.0011 + 0.0013
        assertThat(b.totalCostUsd()).isEqualByComparingTo(new BigDecimal("0.0046"));
    }

    @Test
    void leaderboardScoresOfVersionB() {
        LeaderboardRow b = row(report.leaderboard(ReportFilter.all()), B);

        // overall 0.7, 0.75, 0.8, 0.9: mean 3.15 / 4 = 0.7875
        // squared deviations 0.00765625 + 0.00140625 + 0.00015625 + 0.01265625 = 0.021875
        // sd = sqrt(0.021875 / 3) = 0.0853912564; se = 0.0426956282; half = 3.1824463053 * se = 0.1358765442
        assertThat(b.overall().mean()).isCloseTo(0.7875, within(EXACT));
        assertThat(b.overall().ciLow()).isCloseTo(0.6516234558, within(CLOSE));
        assertThat(b.overall().ciHigh()).isCloseTo(0.9233765442, within(CLOSE));

        // structure 0.75 four times: zero variance, so the interval is the point 0.75
        assertThat(b.structure().mean()).isCloseTo(0.75, within(EXACT));
        assertThat(b.structure().ciLow()).isCloseTo(0.75, within(EXACT));
        assertThat(b.structure().ciHigh()).isCloseTo(0.75, within(EXACT));

        // contract 0.6, 0.6, 0.7, 0.8: mean 0.675; sd = sqrt((0.005625 * 2 + 0.000625 + 0.015625) / 3) = 0.0957427108
        // se = 0.0478713554; half = 3.1824463053 * se = 0.1523480181
        assertThat(b.contract().mean()).isCloseTo(0.675, within(EXACT));
        assertThat(b.contract().ciLow()).isCloseTo(0.5226519819, within(CLOSE));
        assertThat(b.contract().ciHigh()).isCloseTo(0.8273480181, within(CLOSE));

        // domain 0.5, 0.5, 0.5, 0.6: mean 0.525; sd 0.05; half 0.0795611576
        assertThat(b.domain().mean()).isCloseTo(0.525, within(EXACT));
        assertThat(b.domain().ciLow()).isCloseTo(0.4454388424, within(CLOSE));
        assertThat(b.domain().ciHigh()).isCloseTo(0.6045611576, within(CLOSE));
    }

    @Test
    void leaderboardWithOneScoredRun() {
        LeaderboardRow c = row(report.leaderboard(ReportFilter.all()), C);

        assertThat(c.overall().n()).isEqualTo(1);
        assertThat(c.overall().mean()).isEqualTo(0.55);
        assertThat(c.overall().ciLow()).isNull();
        assertThat(c.overall().ciHigh()).isNull();
        assertThat(c.errorRate()).isEqualTo(0.0);
        // no usage row: empty, not zero
        assertThat(c.medianLatencyMs()).isNull();
        assertThat(c.totalCostUsd()).isNull();
    }

    @Test
    void leaderboardWithOnlyFailedRuns() {
        LeaderboardRow d = row(report.leaderboard(ReportFilter.all()), D);

        assertThat(d.runs()).isEqualTo(1);
        assertThat(d.failed()).isEqualTo(1);
        assertThat(d.overall().n()).isZero();
        assertThat(d.overall().mean()).isNull();
        assertThat(d.errorRate()).isEqualTo(1.0);
        // a usage row with latency but no cost
        assertThat(d.medianLatencyMs()).isEqualTo(5.0);
        assertThat(d.totalCostUsd()).isNull();
    }

    @Test
    void compareOverallScore() {
        Comparison comparison = report.compare(A, B, ReportFilter.all());
        PairedDifference overall = comparison.score(Score.OVERALL);

        // Latest done runs per task: A t1 -> run_a1 (not run_a0), t2 -> run_a2, t3 -> run_a3 (s1 failed);
        // B t1 -> run_b1, t2 -> run_b2 (run_b5 failed), t3 -> run_b3 (run_b6 pending), s1 -> run_b4.
        // Paired on t1, t2, t3. Differences B - A: 0.7 - 0.6 = 0.1, 0.75 - 0.7 = 0.05, 0.8 - 0.8 = 0
        // mean 0.05; sd 0.05; se = 0.05 / sqrt(3) = 0.0288675135; t = 0.05 / se = 1.7320508076; df 2
        // half = 4.3026527297 * se = 0.1242068856; two-sided p = 2 * P(T2 > 1.7320508076) = 0.2254033308
        assertThat(comparison.pairedTasks()).isEqualTo(3);
        assertThat(overall.n()).isEqualTo(3);
        assertThat(overall.meanDifference()).isCloseTo(0.05, within(EXACT));
        assertThat(overall.ciLow()).isCloseTo(-0.0742068856, within(CLOSE));
        assertThat(overall.ciHigh()).isCloseTo(0.1742068856, within(CLOSE));
        assertThat(overall.t()).isCloseTo(1.7320508076, within(CLOSE));
        assertThat(overall.df()).isEqualTo(2);
        assertThat(overall.p()).isCloseTo(0.2254033308, within(CLOSE));
        assertThat(overall.candidateWins()).isEqualTo(2);
        assertThat(overall.baselineWins()).isZero();
        assertThat(overall.ties()).isEqualTo(1);
    }

    @Test
    void compareContractScoreWithMissingValue() {
        PairedDifference contract = report.compare(A, B, ReportFilter.all()).score(Score.CONTRACT);

        // run_a2 has no contract score, so t2 drops out: t1 0.6 - 0.5 = 0.1, t3 0.7 - 0.9 = -0.2
        // mean -0.05; sd = sqrt(0.0225 + 0.0225) = 0.2121320344; se = 0.15; t = -1/3; df 1
        // half = 12.7062047362 * 0.15 = 1.9059307104; p = 1 - 2 * atan(1/3) / pi = 0.7951672353
        assertThat(contract.n()).isEqualTo(2);
        assertThat(contract.meanDifference()).isCloseTo(-0.05, within(EXACT));
        assertThat(contract.ciLow()).isCloseTo(-1.9559307104, within(CLOSE));
        assertThat(contract.ciHigh()).isCloseTo(1.8559307104, within(CLOSE));
        assertThat(contract.t()).isCloseTo(-0.3333333333, within(CLOSE));
        assertThat(contract.df()).isEqualTo(1);
        assertThat(contract.p()).isCloseTo(0.7951672353, within(CLOSE));
        assertThat(contract.candidateWins()).isEqualTo(1);
        assertThat(contract.baselineWins()).isEqualTo(1);
        assertThat(contract.ties()).isZero();
    }

    @Test
    void compareScoreWithConstantDifference() {
        PairedDifference structure = report.compare(A, B, ReportFilter.all()).score(Score.STRUCTURE);

        // 0.75 - 0.5 = 0.25 on all three tasks: zero variance, so the interval is the point and no t-test runs
        assertThat(structure.meanDifference()).isCloseTo(0.25, within(EXACT));
        assertThat(structure.ciLow()).isCloseTo(0.25, within(EXACT));
        assertThat(structure.ciHigh()).isCloseTo(0.25, within(EXACT));
        assertThat(structure.t()).isNull();
        assertThat(structure.p()).isNull();
        assertThat(structure.df()).isEqualTo(2);
        assertThat(structure.candidateWins()).isEqualTo(3);
    }

    @Test
    void compareScoreWithAllTies() {
        PairedDifference domain = report.compare(A, B, ReportFilter.all()).score(Score.DOMAIN);

        // 0.5 - 0.5 on all three tasks
        assertThat(domain.meanDifference()).isCloseTo(0.0, within(EXACT));
        assertThat(domain.t()).isNull();
        assertThat(domain.ties()).isEqualTo(3);
    }

    @Test
    void compareUsesLatestDoneRunPerTask() {
        Comparison comparison = report.compare(A, B, ReportFilter.all());

        assertThat(comparison.tasks()).extracting(PairedTask::baselineRunId)
                .containsExactly("run_a1", "run_a2", "run_a3");
        assertThat(comparison.tasks()).extracting(PairedTask::candidateRunId)
                .containsExactly("run_b1", "run_b2", "run_b3");
        assertThat(comparison.baselineDone()).isEqualTo(4);
        assertThat(comparison.candidateDone()).isEqualTo(4);
    }

    @Test
    void compareWithOnePairedTask() {
        // Since 09:30 on 2 March, A keeps run_a3 (t3) and run_a4 (failed), so only t3 pairs.
        ReportFilter filter = new ReportFilter(Instant.parse("2025-03-02T09:30:00Z"), null, null, null, null);
        PairedDifference structure = report.compare(A, B, filter).score(Score.STRUCTURE);

        // 0.75 - 0.5 on t3 alone: a mean but no interval and no test
        assertThat(structure.n()).isEqualTo(1);
        assertThat(structure.meanDifference()).isCloseTo(0.25, within(EXACT));
        assertThat(structure.ciLow()).isNull();
        assertThat(structure.t()).isNull();
        assertThat(structure.df()).isNull();
    }

    @Test
    void compareWithVersionThatNeverRan() {
        TemplateVersion unknown = new TemplateVersion("coding_feature_default", "9.9.9");
        Comparison comparison = report.compare(A, unknown, ReportFilter.all());

        assertThat(comparison.pairedTasks()).isZero();
        assertThat(comparison.candidateDone()).isZero();
        assertThat(comparison.scores()).allSatisfy(result -> assertThat(result.meanDifference()).isNull());
        assertThat(comparison.scores()).allSatisfy(result -> assertThat(result.n()).isZero());
    }

    @Test
    void sinceDateIsUtc() {
        // run_a0 was created at 2025-03-01T23:00Z, which is already 2 March in the test JVM's zone (UTC+14).
        ReportFilter filter = new ReportFilter(Instant.parse("2025-03-02T00:00:00Z"), null, null, null, null);
        LeaderboardRow a = row(report.leaderboard(filter), A);

        // overall 0.6, 0.7, 0.8: mean 0.7; sd 0.1; se = 0.1 / sqrt(3) = 0.0577350269
        // half = 4.3026527297 * se = 0.2484137712
        assertThat(a.runs()).isEqualTo(4);
        assertThat(a.overall().mean()).isCloseTo(0.7, within(EXACT));
        assertThat(a.overall().ciLow()).isCloseTo(0.4515862288, within(CLOSE));
        assertThat(a.overall().ciHigh()).isCloseTo(0.9484137712, within(CLOSE));
    }

    @Test
    void untilKeepsOlderRuns() {
        ReportFilter filter = new ReportFilter(null, Instant.parse("2025-03-02T00:00:00Z"), null, null, null);
        Leaderboard leaderboard = report.leaderboard(filter);

        assertThat(leaderboard.rows()).extracting(LeaderboardRow::templateKey).containsExactly(A);
        assertThat(leaderboard.rows().get(0).overall().mean()).isEqualTo(0.4);
        assertThat(leaderboard.rows().get(0).overall().ciLow()).isNull();
    }

    @Test
    void categoryFilterJoinsTask() {
        ReportFilter writing = new ReportFilter(null, null, "writing", null, null);

        assertThat(report.leaderboard(writing).rows()).extracting(LeaderboardRow::templateKey).containsExactly(C);
    }

    @Test
    void categoryFilterCoversSamples() {
        ReportFilter coding = new ReportFilter(null, null, "coding", null, null);

        // D's only run is of the coding sample s1
        assertThat(report.leaderboard(coding).rows()).extracting(LeaderboardRow::templateKey)
                .containsExactly(B, A, D);
    }

    @Test
    void modelFilter() {
        ReportFilter offline = new ReportFilter(null, null, null, null, "offline");

        assertThat(report.leaderboard(offline).rows()).extracting(LeaderboardRow::templateKey)
                .containsExactly(C, D);
    }

    @Test
    void engineFilterNeedsUsageRow() {
        ReportFilter offline = new ReportFilter(null, null, null, "offline", null);

        // run_c1 has model offline but no usage row, so only D matches
        assertThat(report.leaderboard(offline).rows()).extracting(LeaderboardRow::templateKey).containsExactly(D);
    }

    @Test
    void engineFilterDropsRunsWithoutUsage() {
        ReportFilter openrouter = new ReportFilter(null, null, null, "openrouter", null);
        LeaderboardRow b = row(report.leaderboard(openrouter), B);

        // run_b5 (failed) and run_b6 (pending) have no usage row
        assertThat(b.runs()).isEqualTo(4);
        assertThat(b.errorRate()).isEqualTo(0.0);
    }

    @Test
    void emptyDatabase() {
        LabReport emptyReport = new LabReport(databases.empty());

        assertThat(emptyReport.leaderboard(ReportFilter.all()).rows()).isEmpty();
        assertThat(emptyReport.compare(A, B, ReportFilter.all()).pairedTasks()).isZero();
    }

    @Test
    void filterMatchingNothing() {
        ReportFilter future = new ReportFilter(Instant.parse("2030-01-01T00:00:00Z"), null, null, null, null);

        assertThat(report.leaderboard(future).isEmpty()).isTrue();
    }

    @Test
    void schemaNameIsQuoted() {
        assertThat(RunReader.quoteIdentifier("odd\"name")).isEqualTo("\"odd\"\"name\"");
    }

    private static LeaderboardRow row(Leaderboard leaderboard, TemplateVersion version) {
        List<LeaderboardRow> matches =
                leaderboard.rows().stream().filter(row -> row.templateKey().equals(version)).toList();
        assertThat(matches).hasSize(1);
        return matches.get(0);
    }
}
