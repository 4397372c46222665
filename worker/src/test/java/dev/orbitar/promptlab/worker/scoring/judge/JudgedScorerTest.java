package dev.orbitar.promptlab.worker.scoring.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterClient;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterSettings;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterSettingsLoader;
import dev.orbitar.promptlab.worker.refining.openrouter.RetryPolicy;
import dev.orbitar.promptlab.worker.refining.openrouter.TimeSource;
import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.scoring.Scorer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JudgedScorerTest {

    private static final Scorer RUBRIC = (prompt, category) ->
            new ScoreCard(0.5, 0.6, 0.7, 0.6, Map.of("readability", 0.8));
    private static final TimeSource NO_WAIT = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.parse("2030-01-01T00:00:00Z");
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) {
        }
    };

    private final MockWebServer server = new MockWebServer();
    private OpenRouterClient client;
    private JudgedScorer scorer;

    @BeforeEach
    void start() throws Exception {
        server.start();
        OpenRouterSettings settings = OpenRouterSettingsLoader.load(Map.of(
                "OPENROUTER_API_KEY", "sk-judge-test",
                "OPENROUTER_BASE_URL", server.url("/v1").toString(),
                "LAB_JUDGE_MODEL", "openai/gpt-4o",
                "LAB_MAX_ATTEMPTS", "2")).orElseThrow();
        client = new OpenRouterClient(settings, RetryPolicy.from(settings), NO_WAIT);
        scorer = new JudgedScorer(RUBRIC, new LlmJudge(client, settings.judgeModel()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void enqueueAnswer(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"model\":\"openai/gpt-4o-2024-08-06\",\"choices\":[{\"finish_reason\":\"stop\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped + "\"}}],"
                        + "\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":120,\"cost\":0.0042}}")
                .build());
    }

    @Test
    void judgeAveragedWithRubric() throws Exception {
        enqueueAnswer("```json\n{\"scores\":{\"clarity\":{\"score\":8,\"reason\":\"clear\"},\"completeness\":8,"
                + "\"fidelity\":8,\"output_contract\":8}}\n```");

        ScoreCard card = scorer.score("# Role\nYou are...", "writing");

        assertThat(card.overall()).isCloseTo(0.7, within(1e-9));
        assertThat(card.structure()).isEqualTo(0.5);
        assertThat(card.metrics()).containsEntry("rubricOverall", 0.6);
        assertThat(card.metrics()).containsEntry("overallMethod", JudgedScorer.BOTH);
        assertThat(card.metrics()).containsEntry("readability", 0.8);
        @SuppressWarnings("unchecked")
        Map<String, Object> judge = (Map<String, Object>) card.metrics().get("judge");
        assertThat(judge).containsEntry("status", "ok");
        assertThat(judge).containsEntry("model", "openai/gpt-4o-2024-08-06");
        assertThat(judge.get("overall")).isEqualTo(0.8);
        assertThat(judge.get("costUsd").toString()).isEqualTo("0.0042");
    }

    @Test
    void unparseableAnswerLeavesRubricAlone() throws Exception {
        enqueueAnswer("This prompt is quite good, I would give it high marks.");

        ScoreCard card = scorer.score("# Role\nYou are...", "writing");

        assertThat(card.overall()).isEqualTo(0.6);
        assertThat(card.metrics()).containsEntry("overallMethod", JudgedScorer.RUBRIC_ONLY);
        @SuppressWarnings("unchecked")
        Map<String, Object> judge = (Map<String, Object>) card.metrics().get("judge");
        assertThat(judge).containsEntry("status", "error");
        assertThat(judge).containsEntry("error", LlmJudge.UNPARSEABLE_ANSWER);
        assertThat(judge).doesNotContainKey("overall");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void providerFailureRecordedAsJudgeError() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"code\":503,\"message\":\"busy\"}}")
                .build());
        server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"code\":503,\"message\":\"busy\"}}")
                .build());

        ScoreCard card = scorer.score("# Role\nYou are...", "coding");

        assertThat(card.overall()).isEqualTo(0.6);
        @SuppressWarnings("unchecked")
        Map<String, Object> judge = (Map<String, Object>) card.metrics().get("judge");
        assertThat(judge).containsEntry("error", "provider_unavailable");
        assertThat(judge).containsEntry("attempts", 2);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void judgeRequestUsesJudgeModel() throws Exception {
        enqueueAnswer("{\"clarity\":5,\"completeness\":5,\"fidelity\":5,\"output_contract\":5}");

        scorer.score("# Role\nYou are a tutor.", "research");

        String body = server.takeRequest().getBody().utf8();
        assertThat(body).contains("\"model\":\"openai/gpt-4o\"");
        assertThat(body).contains("\"temperature\":0.0");
        assertThat(body).contains("You are a tutor.");
    }
}
