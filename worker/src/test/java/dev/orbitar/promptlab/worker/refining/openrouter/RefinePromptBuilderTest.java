package dev.orbitar.promptlab.worker.refining.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.refining.RefineRequest;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefinePromptBuilderTest {

    private static final PromptTemplate TEMPLATE = new PromptTemplate("writing_blog_default", "1.2.0", "writing",
            "ga", "an experienced blog editor", "a post readers finish", List.of("Markdown with H2 headings"),
            List.of("every claim sourced"));

    private static RefinePrompt build(int cap, String text) {
        return new RefinePromptBuilder(cap).build(new RefineRequest("t1", "writing", text, TEMPLATE));
    }

    @Test
    void systemCarriesTemplateAndContract() {
        String system = build(100, "a post about tea").system();

        assertThat(system).contains("an experienced blog editor");
        assertThat(system).contains("a post readers finish");
        assertThat(system).contains("- Markdown with H2 headings");
        assertThat(system).contains("- every claim sourced");
        assertThat(system).contains("writing_blog_default 1.2.0");
        assertThat(system).contains("Never carry out the request yourself");
        assertThat(system).contains("Follow the user's top-level instruction");
        assertThat(system).contains("Output contract");
        assertThat(system).contains("Quality bar");
    }

    @Test
    void shortInputUncut() {
        RefinePrompt prompt = build(100, "a post about tea");

        assertThat(prompt.inputTruncated()).isFalse();
        assertThat(prompt.inputChars()).isEqualTo(16);
        assertThat(prompt.user()).doesNotContain("was cut");
    }

    @Test
    void longInputCutAndSaid() {
        RefinePrompt prompt = build(4, "abcdefgh");

        assertThat(prompt.inputTruncated()).isTrue();
        assertThat(prompt.inputChars()).isEqualTo(4);
        assertThat(prompt.user()).contains("<request>\nabcd\n</request>");
        assertThat(prompt.user()).contains("cut at 4 characters");
    }

    @Test
    void cutNeverSplitsSurrogatePair() {
        // "ab" then U+1F600 (two UTF-16 units); a cap of 3 would split the emoji.
        RefinePrompt prompt = build(3, "ab\uD83D\uDE00cd");

        assertThat(prompt.inputChars()).isEqualTo(2);
        assertThat(prompt.user()).contains("<request>\nab\n</request>");
    }
}
