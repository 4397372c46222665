package dev.orbitar.promptlab.worker.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.templates.TaskCategories;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RubricScorerTest {

    /** A vague one-liner and a contract prompt on the same subject, per category. */
    private static final Map<String, List<String>> PAIRS = Map.of(
            "coding", List.of("write a csv parser in python", """
                    Role: You are a senior Python engineer.
                    Goal: Write a function parse_orders(path) that parses a CSV file of orders and returns a list of
                    dicts.
                    Context: The file orders.csv has the columns id, amount and date, and can be 50 MB.
                    Constraints:
                    - Use only the standard library.
                    - Do not load the whole file into memory.
                    Steps:
                    1. Read the header.
                    2. Stream the rows and convert amount to Decimal.
                    3. Raise ValueError with the line number on a bad row.
                    Output format: one fenced code block with the function, then a pytest unit test.
                    """),
            "writing", List.of("blog post about remote work", """
                    ## Role
                    You are an experienced editor writing for small-business owners.
                    ## Task
                    Write a blog post on how a 10-person company can start remote work.
                    ## Background
                    Our readers run shops and agencies; most have never managed a remote team.
                    ## Rules
                    - Keep the tone practical and friendly.
                    - Avoid jargon.
                    ## Steps
                    1. Open with the main benefit.
                    2. Give three concrete first steps.
                    3. End with a call to action.
                    ## Output format
                    Markdown with a title and headings, 700 to 900 words.
                    """),
            "planning", List.of("plan a product launch", """
                    **Role**: You are a pragmatic project planner.
                    **Objective**: Plan the launch of our budgeting app on 1 June.
                    **Context**: A team of 4, a budget of $20,000, and the beta ends on 15 May.
                    **Constraints**: no paid ads before launch week; every task has an owner.
                    **Process**:
                    1. List the milestones.
                    2. Break each milestone into tasks with owners and deadlines.
                    3. Mark dependencies and risks.
                    **Output**: a Markdown table with milestone, task, owner, deadline, then the top 3 risks.
                    """),
            "research", List.of("research electric cars", """
                    <role>You are a careful research analyst.</role>
                    <task>Compare the total cost of ownership of electric and petrol cars in Germany over 5 years.</task>
                    <context>The reader is a fleet manager choosing 30 vehicles in 2025.</context>
                    <constraints>Cite a source for every number. Mark uncertain claims. Do not invent statistics.
                    </constraints>
                    <steps>1. Define the cost components. 2. Gather evidence. 3. Compare. 4. State limitations.</steps>
                    <output>A short answer, then a table of costs, then bullet points with findings and sources.</output>
                    """),
            "creative", List.of("a poem about autumn", """
                    Role: You are a poet with a quiet, precise voice.
                    Goal: Write a poem about the first autumn evening in a fishing village.
                    Context: It is for a local calendar; readers are families.
                    Constraints: no rhyme, no clichés about falling leaves, at most 14 lines.
                    Steps: first, pick one concrete image; then build the poem around it; finally, end on a turn.
                    Output format: the title, then the poem with its line breaks, and nothing else.
                    """),
            "communication", List.of("email my boss that I am sick", """
                    ROLE
                    You are a clear, polite communicator.
                    GOAL
                    Write an email to my manager, Dana, saying I am sick today and will miss the 10:00 meeting.
                    CONTEXT
                    We have a friendly relationship; Sam can present my slides.
                    CONSTRAINTS
                    Keep it under 80 words. Do not share medical details.
                    STEPS
                    1. State the absence. 2. Name the cover. 3. Say when I will be back.
                    OUTPUT FORMAT
                    A subject line, then the email body in plain text.
                    """),
            "general", List.of("tell me about coffee", """
                    You are a knowledgeable barista and teacher.
                    Your task is to explain how the roast level changes the taste of coffee to a beginner.
                    For context, I drink filter coffee at home and want to buy my first bag of specialty beans.
                    You must avoid brand names and keep it under 300 words.
                    Start by describing light, medium and dark roasts, then compare their taste, and finally suggest one
                    roast to try first.
                    Respond with three short paragraphs and a one-line recommendation.
                    """));

    private final RubricScorer scorer = new RubricScorer();

    // A hang guard, not a speed target: a backtracking pattern took minutes on such a word.
    @Test
    @Timeout(60)
    void longUnbrokenWordScored() throws ScoringException {
        ScoreCard card = scorer.score("a".repeat(250_000), "coding");

        assertThat(card.overall()).isBetween(0.0, 1.0);
    }

    @Test
    void contractPromptBeatsOneLiner() throws ScoringException {
        for (String category : TaskCategories.ALL) {
            ScoreCard vague = scorer.score(PAIRS.get(category).get(0), category);
            ScoreCard contract = scorer.score(PAIRS.get(category).get(1), category);

            assertThat(contract.overall()).as(category + " overall").isGreaterThan(vague.overall());
            assertThat(contract.structure()).as(category + " structure").isGreaterThan(vague.structure());
            assertThat(contract.contract()).as(category + " contract").isGreaterThan(vague.contract());
        }
    }

    @Test
    void otherHeadingStylesFound() throws ScoringException {
        for (String category : TaskCategories.ALL) {
            if (category.equals("general")) {
                continue;
            }
            ScoreCard card = scorer.score(PAIRS.get(category).get(1), category);

            assertThat(card.metrics().get("sectionsFound")).as(category)
                    .isEqualTo(List.of("role", "goal", "context", "steps", "constraints", "output"));
        }
    }

    @Test
    void equivalentPhrasingFound() throws ScoringException {
        ScoreCard card = scorer.score(PAIRS.get("general").get(1), "general");

        @SuppressWarnings("unchecked")
        Map<String, String> sections = (Map<String, String>) card.metrics().get("sections");
        for (String section : List.of("role", "goal", "context", "steps", "constraints", "output")) {
            assertThat(sections.get(section)).as(section).isEqualTo("phrase");
        }
    }

    @Test
    void fencedHeadingsNotCounted() throws ScoringException {
        String prompt = "Explain this file:\n```\n## Role\n## Goal\n## Context\n## Steps\n## Output format\n```\n";

        ScoreCard card = scorer.score(prompt, "general");

        @SuppressWarnings("unchecked")
        Map<String, String> sections = (Map<String, String>) card.metrics().get("sections");
        assertThat(sections.get("role")).isEqualTo("absent");
        assertThat(sections.get("output")).isEqualTo("absent");
    }

    @Test
    void brevityVersusLengthLowersContract() throws ScoringException {
        String base = PAIRS.get("writing").get(1);
        String contradictory = base + "Be brief. The post must be at least 2000 words.\n";

        ScoreCard clean = scorer.score(base, "writing");
        ScoreCard conflicted = scorer.score(contradictory, "writing");

        assertThat(conflicted.contract()).isLessThan(clean.contract());
        assertThat(contradictions(conflicted)).singleElement().asString().contains("2000 words");
    }

    @Test
    void twoFormatsLowerContract() throws ScoringException {
        String base = PAIRS.get("research").get(1);
        String contradictory = base + "\nRespond only in JSON. Format the answer as YAML.\n";

        ScoreCard clean = scorer.score(base, "research");
        ScoreCard conflicted = scorer.score(contradictory, "research");

        assertThat(conflicted.contract()).isLessThan(clean.contract());
        assertThat(contradictions(conflicted)).singleElement().asString().contains("json vs yaml");
    }

    @Test
    void wordLimitsConflictLowersContract() throws ScoringException {
        String base = PAIRS.get("communication").get(1);
        String contradictory = base + "Write at least 200 words.\n";

        ScoreCard conflicted = scorer.score(contradictory, "communication");

        assertThat(conflicted.contract()).isLessThan(scorer.score(base, "communication").contract());
        assertThat(contradictions(conflicted)).singleElement().asString()
                .isEqualTo("at least 200 words vs at most 80 words");
    }

    @Test
    void forbiddenAndRequestedElement() throws ScoringException {
        String prompt = PAIRS.get("planning").get(1) + "Use bullet points for risks. Do not use bullet points.\n";

        ScoreCard card = scorer.score(prompt, "planning");

        assertThat(contradictions(card)).singleElement().asString().contains("bullet points");
    }

    @Test
    void cleanPromptsHaveNoContradictions() throws ScoringException {
        for (String category : TaskCategories.ALL) {
            ScoreCard card = scorer.score(PAIRS.get(category).get(1), category);

            assertThat(contradictions(card)).as(category).isEmpty();
        }
    }

    @Test
    void domainFollowsCategory() throws ScoringException {
        String coding = PAIRS.get("coding").get(1);

        double asCoding = scorer.score(coding, "coding").domain();
        double asCreative = scorer.score(coding, "creative").domain();

        assertThat(asCoding).isGreaterThan(asCreative);
    }

    @Test
    void scoresWithinBounds() throws ScoringException {
        List<String> prompts = List.of("", " ", "x", "## Role\n## Goal\n", "must ".repeat(5_000),
                "Be brief. At least 5000 words. Respond in JSON. Respond in YAML. Respond in CSV. "
                        + "Use emojis. Do not use emojis. Use markdown. Never use markdown.",
                "word ".repeat(20_000), "日本語のプロンプトです。".repeat(50), PAIRS.get("coding").get(1));

        for (String prompt : prompts) {
            ScoreCard card = scorer.score(prompt, "general");
            String label = prompt.substring(0, Math.min(30, prompt.length()));

            for (double score : new double[] {card.structure(), card.contract(), card.domain(), card.overall()}) {
                assertThat(score).as(label).isBetween(0.0, 1.0);
            }
            @SuppressWarnings("unchecked")
            Map<String, Double> subScores = (Map<String, Double>) card.metrics().get("subScores");
            assertThat(subScores.values()).as(label).allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
        }
    }

    @Test
    void blankPromptScoresZero() throws ScoringException {
        ScoreCard card = scorer.score("  \n ", "coding");

        assertThat(card.overall()).isZero();
        assertThat(card.structure()).isZero();
    }

    @Test
    void metricsKeysPresent() throws ScoringException {
        ScoreCard card = scorer.score(PAIRS.get("coding").get(1), "coding");

        assertThat(card.metrics()).containsKeys("scorer", "scorerVersion", "category", "sections", "sectionsFound",
                "subScores", "weights", "contradictions", "domainTerms", "wordCount");
        assertThat(card.metrics().get("scorer")).isEqualTo("rubric");
        assertThat(card.metrics().get("scorerVersion")).isEqualTo(RubricScorer.VERSION);
        @SuppressWarnings("unchecked")
        Map<String, Double> subScores = (Map<String, Double>) card.metrics().get("subScores");
        assertThat(subScores).containsKeys("contextHandling", "constraintClarity", "stepGuidance", "readability",
                "lengthEfficiency");
    }

    @Test
    void weightsSumToOne() {
        double sum = RubricScorer.WEIGHTS.values().stream().mapToDouble(Double::doubleValue).sum();

        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void overallIsWeightedSum() throws ScoringException {
        ScoreCard card = scorer.score(PAIRS.get("planning").get(1), "planning");
        @SuppressWarnings("unchecked")
        Map<String, Double> subs = (Map<String, Double>) card.metrics().get("subScores");

        double expected = 0.25 * card.structure() + 0.20 * card.contract() + 0.10 * card.domain()
                + 0.10 * subs.get("contextHandling") + 0.10 * subs.get("constraintClarity")
                + 0.08 * subs.get("stepGuidance") + 0.09 * subs.get("readability")
                + 0.08 * subs.get("lengthEfficiency");

        assertThat(card.overall()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void unknownCategoryScoredAsGeneral() throws ScoringException {
        ScoreCard card = scorer.score("tell me about coffee", "marketing");

        assertThat(card.metrics().get("category")).isEqualTo("general");
        assertThat(card.metrics().get("requestedCategory")).isEqualTo("marketing");
    }

    @Test
    void nullPromptRejected() {
        assertThatThrownBy(() -> scorer.score(null, "general"))
                .isInstanceOf(ScoringException.class)
                .hasMessageContaining("null");
    }

    @Test
    void deterministic() throws ScoringException {
        String prompt = PAIRS.get("research").get(1);

        assertThat(scorer.score(prompt, "research")).isEqualTo(scorer.score(prompt, "research"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> contradictions(ScoreCard card) {
        return (List<String>) card.metrics().get("contradictions");
    }
}
