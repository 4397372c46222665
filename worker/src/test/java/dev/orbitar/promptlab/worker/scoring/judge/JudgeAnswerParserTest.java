package dev.orbitar.promptlab.worker.scoring.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JudgeAnswerParserTest {

    private static final String NESTED = """
            {"scale": "0-10", "scores": {
              "clarity": {"score": 8, "reason": "The goal is stated once and plainly."},
              "completeness": {"score": 6, "reason": "No quality bar."},
              "fidelity": {"score": 10, "reason": "Nothing invented."},
              "output_contract": {"score": 4, "reason": "Length is not given."}}}
            """;

    private final JudgeAnswerParser parser = new JudgeAnswerParser();

    @Test
    void nestedScoresNormalised() throws Exception {
        JudgeVerdict verdict = parser.parse(NESTED);

        assertThat(verdict.scores()).containsEntry("clarity", 0.8);
        assertThat(verdict.scores()).containsEntry("output_contract", 0.4);
        assertThat(verdict.overall()).isCloseTo(0.7, within(1e-9));
        assertThat(verdict.reasons()).containsEntry("completeness", "No quality bar.");
        assertThat(verdict.sourceScale()).isEqualTo("0-10");
    }

    @Test
    void codeFenceStripped() throws Exception {
        JudgeVerdict verdict = parser.parse("```json\n" + NESTED + "```");

        assertThat(verdict.overall()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void proseAroundJsonIgnored() throws Exception {
        String answer = "Here is my assessment {briefly}:\n" + NESTED + "\nLet me know if you need more.";

        JudgeVerdict verdict = parser.parse(answer);

        assertThat(verdict.scores()).containsEntry("fidelity", 1.0);
    }

    @Test
    void flatZeroToOneScaleKept() throws Exception {
        JudgeVerdict verdict = parser.parse(
                "{\"clarity\": 0.9, \"completeness\": 0.5, \"fidelity\": 1, \"output_contract\": 0.6}");

        assertThat(verdict.sourceScale()).isEqualTo("0-1");
        assertThat(verdict.scores()).containsEntry("clarity", 0.9);
        assertThat(verdict.overall()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void flatZeroToTenScaleDetected() throws Exception {
        JudgeVerdict verdict = parser.parse(
                "{\"clarity\": 9, \"completeness\": 5, \"fidelity\": 7.5, \"output_contract\": 6}");

        assertThat(verdict.sourceScale()).isEqualTo("0-10");
        assertThat(verdict.scores()).containsEntry("fidelity", 0.75);
    }

    @Test
    void declaredScaleWins() throws Exception {
        JudgeVerdict verdict = parser.parse("{\"scale\": \"0-1\", \"scores\": {\"clarity\": 1, \"completeness\": 0,"
                + " \"fidelity\": 1, \"output_contract\": 1}}");

        assertThat(verdict.scores()).containsEntry("clarity", 1.0);
        assertThat(verdict.overall()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void fractionStringsAndKeyVariantsRead() throws Exception {
        JudgeVerdict verdict = parser.parse("{'Clarity': '8/10', 'Completeness': {'rating': '6'},"
                + " 'fidelity': {'value': 9, 'why': 'faithful'}, 'outputContract': '1/2',}");

        assertThat(verdict.scores()).containsEntry("clarity", 0.8);
        assertThat(verdict.scores()).containsEntry("completeness", 0.6);
        assertThat(verdict.scores()).containsEntry("output_contract", 0.5);
        assertThat(verdict.reasons()).containsEntry("fidelity", "faithful");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "I would rate this prompt highly overall.",
        "{\"clarity\": 8, \"completeness\": 6, \"fidelity\": 9}",
        "{\"clarity\": 11, \"completeness\": 6, \"fidelity\": 9, \"output_contract\": 5}",
        "{\"clarity\": -1, \"completeness\": 6, \"fidelity\": 9, \"output_contract\": 5}",
        "{\"clarity\": \"good\", \"completeness\": 6, \"fidelity\": 9, \"output_contract\": 5}",
        "{\"clarity\": {\"reason\": \"fine\"}, \"completeness\": 6, \"fidelity\": 9, \"output_contract\": 5}",
        "```json\n{\"clarity\": 8, \"completeness\": 6,\n```",
        "{\"scale\": \"0-1\", \"scores\": {\"clarity\": 8, \"completeness\": 6, \"fidelity\": 9, \"output_contract\": 5}}",
    })
    void unreadableAnswerRejected(String answer) {
        JudgeAnswerException error = catchThrowableOfType(JudgeAnswerException.class, () -> parser.parse(answer));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).isNotBlank();
    }
}
