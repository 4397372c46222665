package dev.orbitar.promptlab.worker.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Renders the page from {@code report/seed.sql} and reads it back with jsoup. */
class HtmlReportTest {

    private static final Instant GENERATED = Instant.parse("2025-03-09T00:00:00Z");
    private static final TemplateVersion A = new TemplateVersion("coding_feature_default", "1.0.0");
    private static final TemplateVersion B = new TemplateVersion("coding_feature_default", "1.1.0");

    private static ReportDatabases databases;
    private static String leaderboardPage;
    private static String comparisonPage;

    @BeforeAll
    static void render() throws Exception {
        databases = ReportDatabases.start();
        LabReport report = new LabReport(databases.seeded());
        List<RunRow> runs = report.runs(ReportFilter.all());

        leaderboardPage = HtmlReport.render(Leaderboard.of(runs), null, ReportFilter.all(), GENERATED);
        comparisonPage = HtmlReport.render(Leaderboard.of(runs).only(java.util.Set.of(A, B)),
                Comparison.of(runs, A, B), ReportFilter.all(), GENERATED);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        databases.close();
    }

    @Test
    void pageParsesAsHtmlWithoutErrors() {
        for (String page : List.of(leaderboardPage, comparisonPage)) {
            Parser parser = Parser.htmlParser().setTrackErrors(20);
            Jsoup.parse(page, "", parser);

            assertThat(parser.getErrors()).isEmpty();
        }
    }

    @Test
    void pageParsesAsXmlWithoutErrors() {
        for (String page : List.of(leaderboardPage, comparisonPage)) {
            Parser parser = Parser.xmlParser().setTrackErrors(20);
            Jsoup.parse(page, "", parser);

            assertThat(parser.getErrors()).isEmpty();
        }
    }

    @Test
    void pageReferencesNothingOutside() {
        for (String page : List.of(leaderboardPage, comparisonPage)) {
            Document document = Jsoup.parse(page);

            assertThat(document.select("script, link, img, iframe, object, embed, image, use")).isEmpty();
            assertThat(document.select("[src], [href], [xlink:href], [srcset], [action]")).isEmpty();
            assertThat(document.select("style").html()).doesNotContain("url(", "@import");
            // The SVG namespace is a name, not a fetched address; nothing else may look like one.
            assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http", "//");
        }
    }

    @Test
    void distributionChartCarriesVersionNumbers() {
        List<String> titles = groupTitles(Jsoup.parse(leaderboardPage), "figure#distribution-overall g.version");

        // A overall 0.4, 0.6, 0.7, 0.8: mean 0.625, CI 0.3532469116 to 0.8967530884,
        // R-7 quartiles 0.4 + 0.75 * 0.2 = 0.55, median 0.65, 0.7 + 0.25 * 0.1 = 0.725
        assertThat(titles).contains("coding_feature_default@1.0.0 overall: n=4, mean 0.625, 95% CI 0.353 to 0.897,"
                + " median 0.650, quartiles 0.550 to 0.725, min 0.400, max 0.800");
        // B overall 0.7, 0.75, 0.8, 0.9: mean 0.7875 (rounded half up to 0.788), CI 0.6516234558 to 0.9233765442,
        // quartiles 0.7 + 0.75 * 0.05 = 0.7375 and 0.8 + 0.25 * 0.1 = 0.825, median 0.775
        assertThat(titles).contains("coding_feature_default@1.1.0 overall: n=4, mean 0.788, 95% CI 0.652 to 0.923,"
                + " median 0.775, quartiles 0.738 to 0.825, min 0.700, max 0.900");
    }

    @Test
    void distributionChartShowsSmallSamples() {
        List<String> titles = groupTitles(Jsoup.parse(leaderboardPage), "figure#distribution-overall g.version");

        assertThat(titles).contains("writing_blog_default@1.0.0 overall: n=1, mean 0.550, no interval (n=1),"
                + " median 0.550, quartiles 0.550 to 0.550, min 0.550, max 0.550");
        assertThat(titles).contains("general_chat_default@1.0.0 overall: n=0, no scores");
    }

    @Test
    void distributionChartLabelsAndPoints() {
        Element figure = Jsoup.parse(leaderboardPage).selectFirst("figure#distribution-overall");

        assertThat(figure.select("text.stats").eachText()).contains("0.625 [0.353, 0.897] n=4");
        // one dot per scored run of every version: 4 (B) + 4 (A) + 1 (C) + 0 (D)
        assertThat(figure.select("circle.point")).hasSize(9);
        assertThat(figure.select("circle.point > title").eachText()).contains("0.400", "0.600", "0.700", "0.800");
    }

    @Test
    void differenceChartCarriesComparisonNumbers() {
        List<String> titles = groupTitles(Jsoup.parse(comparisonPage), "figure#differences g.difference");

        // overall B - A on t1, t2, t3: 0.1, 0.05, 0 -> mean 0.05, CI -0.0742068856 to 0.1742068856,
        // t = sqrt(3) = 1.7320508076, df 2, p 0.2254033308
        assertThat(titles).contains("Overall: n=3, mean difference +0.050, 95% CI -0.074 to +0.174, t 1.732, df 2,"
                + " p 0.225, candidate wins 2, baseline wins 0, ties 1");
        // contract on t1, t3: 0.1, -0.2 -> mean -0.05, CI -1.9559307104 to 1.8559307104, t -1/3, df 1, p 0.7951672353
        assertThat(titles).contains("Contract: n=2, mean difference -0.050, 95% CI -1.956 to +1.856, t -0.333, df 1,"
                + " p 0.795, candidate wins 1, baseline wins 1, ties 0");
        assertThat(titles).contains("Structure: n=3, mean difference +0.250, 95% CI +0.250 to +0.250, no t-test"
                + " (every difference is the same), candidate wins 3, baseline wins 0, ties 0");
    }

    @Test
    void differenceChartDashesClippedInterval() {
        Element figure = Jsoup.parse(comparisonPage).selectFirst("figure#differences");

        // only contract's interval (-1.956 to +1.856) runs past the -1..+1 axis
        assertThat(figure.select("line.interval")).hasSize(4);
        assertThat(figure.select("line.clipped")).hasSize(1);
    }

    @Test
    void differenceChartHasOneDotPerTask() {
        Element figure = Jsoup.parse(comparisonPage).selectFirst("figure#differences");

        // 3 tasks for overall, structure and domain, 2 for contract
        assertThat(figure.select("circle.point")).hasSize(11);
        assertThat(figure.select("circle.point > title").eachText())
                .contains("synthetic:t1: +0.100", "synthetic:t2: +0.050", "synthetic:t3: -0.200");
    }

    @Test
    void comparisonPageTable() {
        Element table = Jsoup.parse(comparisonPage).selectFirst("table#comparison");

        assertThat(table.select("tbody tr")).hasSize(4);
        assertThat(table.select("tbody tr").last().select("td").eachText())
                .containsExactly("Overall", "3", "+0.050", "-0.074 to +0.174", "1.732", "2", "0.225", "2", "0", "1");
    }

    @Test
    void leaderboardTableRows() {
        Element table = Jsoup.parse(leaderboardPage).selectFirst("table#leaderboard");

        assertThat(table.select("tbody tr")).hasSize(4);
        assertThat(table.select("tbody tr").get(1).select("td").eachText())
                .contains("0.625 [0.353, 0.897] n=4", "1200", "0.0042", "20.0%");
    }

    @Test
    void emptyPage() {
        String page = HtmlReport.render(Leaderboard.of(List.of()), null, ReportFilter.all(), GENERATED);
        Parser parser = Parser.xmlParser().setTrackErrors(20);
        Document document = Jsoup.parse(page, "", parser);

        assertThat(parser.getErrors()).isEmpty();
        assertThat(document.text()).contains("No Lab runs match the selection.");
        assertThat(document.select("svg")).isEmpty();
    }

    @Test
    void slugIsEscaped() {
        RunRow run = new RunRow("r1", "<script>alert(1)</script>", "1.0.0", "synthetic", "t1", null, "m", "done",
                GENERATED, "coding", 0.5, 0.5, 0.5, 0.5, null, null, null);
        String page = HtmlReport.render(Leaderboard.of(List.of(run)), null, ReportFilter.all(), GENERATED);

        assertThat(Jsoup.parse(page).select("script")).isEmpty();
        assertThat(Jsoup.parse(page).select("table#leaderboard td").first().text())
                .isEqualTo("<script>alert(1)</script>");
    }

    private static List<String> groupTitles(Document document, String groups) {
        return document.select(groups).stream().map(group -> group.selectFirst("title").text()).toList();
    }
}
