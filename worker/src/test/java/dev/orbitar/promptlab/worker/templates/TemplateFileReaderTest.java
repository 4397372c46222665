package dev.orbitar.promptlab.worker.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TemplateFileReaderTest {

    private static final String VALID = """
            slug: coding_feature_default
            version: 1.0.0
            category: coding
            stage: ga
            role: You are an engineer.
            goal: Build it.
            outputHints:
              - Code in fenced blocks.
            qualityRules:
              - It compiles.
            """;

    private final TemplateFileReader reader = new TemplateFileReader();

    @Test
    void readValidFile() {
        PromptTemplate template = read(VALID);

        assertThat(template.slug()).isEqualTo("coding_feature_default");
        assertThat(template.version()).isEqualTo("1.0.0");
        assertThat(template.outputHints()).containsExactly("Code in fenced blocks.");
        assertThat(template.qualityRules()).containsExactly("It compiles.");
    }

    @Test
    void badSlugPattern() {
        assertRejected(VALID.replace("slug: coding_feature_default", "slug: Coding-Feature"), "'slug'");
        assertRejected(VALID.replace("slug: coding_feature_default", "slug: coding_feature"), "'slug'");
    }

    @Test
    void slugMustStartWithCategory() {
        assertRejected(VALID.replace("slug: coding_feature_default", "slug: writing_feature_default"),
                "must start with its category 'coding_'");
    }

    @Test
    void badVersion() {
        assertRejected(VALID.replace("version: 1.0.0", "version: 1.0"), "field 'version' is 1.0");
        assertRejected(VALID.replace("version: 1.0.0", "version: v1.0.0"), "field 'version' is 'v1.0.0'");
    }

    @Test
    void unknownCategory() {
        assertRejected(VALID.replace("category: coding", "category: marketing"),
                "field 'category' is 'marketing' but must be one of coding, writing");
    }

    @Test
    void unknownStage() {
        assertRejected(VALID.replace("stage: ga", "stage: stable"),
                "field 'stage' is 'stable' but must be one of experimental, beta, ga, deprecated");
    }

    @Test
    void missingField() {
        assertRejected(VALID.replace("role: You are an engineer.\n", ""), "field 'role' is missing");
    }

    @Test
    void blankField() {
        assertRejected(VALID.replace("goal: Build it.", "goal: '  '"), "field 'goal' is blank");
    }

    @Test
    void unknownField() {
        assertRejected(VALID + "qualityrule: typo\n", "unknown field 'qualityrule'");
    }

    @Test
    void hintsMustBeList() {
        assertRejected(VALID.replace("outputHints:\n  - Code in fenced blocks.", "outputHints: Code."),
                "field 'outputHints' must be a non-empty list");
    }

    @Test
    void emptyListItemRejected() {
        assertRejected(VALID.replace("  - It compiles.", "  - It compiles.\n  - ''"),
                "field 'qualityRules' item 2");
    }

    @Test
    void emptyFile() {
        assertRejected("", "empty");
    }

    @Test
    void notAMapping() {
        assertRejected("- a\n- b\n", "must be a YAML mapping");
    }

    @Test
    void twoDocuments() {
        assertRejected(VALID + "---\n" + VALID, "more than one YAML document");
    }

    @Test
    void invalidYamlNamesLine() {
        assertRejected("slug: [unclosed\nversion: 1.0.0\n", "not valid YAML at line");
    }

    @Test
    void messageIsOneLine() {
        assertThatThrownBy(() -> read("slug: [unclosed\nversion: 1.0.0\n"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private PromptTemplate read(String yaml) {
        return reader.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRejected(String yaml, String messagePart) {
        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageStartingWith("Invalid template file test.yaml: ")
                .hasMessageContaining(messagePart);
    }
}
