package dev.orbitar.promptlab.worker.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentSettingsTest {

    private static final TemplateCatalog CATALOG = TemplateCatalog.builtIn();

    @TempDir
    Path folder;

    @Test
    void noVariablesMeansNone() {
        assertThat(ExperimentSettings.load(Map.of(), CATALOG, folder).isEmpty()).isTrue();
    }

    @Test
    void blankVariablesMeanNone() {
        Map<String, String> environment = Map.of("LAB_EXPERIMENT", " ", "LAB_EXPERIMENTS_FILE", "");

        assertThat(ExperimentSettings.load(environment, CATALOG, folder).isEmpty()).isTrue();
    }

    @Test
    void variableDefinesOneExperiment() {
        ActiveExperiments experiments = load(
                "coding-next:coding:coding_feature_default@1.1.0, coding_review_strict@0.1.0");

        Experiment experiment = experiments.all().get(0);
        assertThat(experiment.name()).isEqualTo("coding-next");
        assertThat(experiment.category()).isEqualTo("coding");
        assertThat(key(experiment.ga())).isEqualTo("coding_feature_default@1.0.0");
        assertThat(experiment.candidates()).extracting(ExperimentSettingsTest::key)
                .containsExactly("coding_feature_default@1.1.0", "coding_review_strict@0.1.0");
    }

    @Test
    void templatesPutGaFirst() {
        Experiment experiment = load("coding-next:coding:coding_feature_default@1.1.0").all().get(0);

        assertThat(experiment.templates()).extracting(ExperimentSettingsTest::key)
                .containsExactly("coding_feature_default@1.0.0", "coding_feature_default@1.1.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "coding-next:coding | Invalid LAB_EXPERIMENT 'coding-next:coding': expected NAME:CATEGORY:SLUG@VERSION",
        "coding-next:coding: | Invalid LAB_EXPERIMENT 'coding-next:coding:': a part is empty",
        "Coding Next:coding:coding_feature_default@1.1.0 | the name 'Coding Next' must be 1 to 63 lowercase",
        "next:cooking:coding_feature_default@1.1.0 | category 'cooking' must be one of coding, writing",
        "next:coding:coding_feature_default | candidate 'coding_feature_default' must be SLUG@VERSION",
        "next:coding:coding_feature_default@9.9.9 | candidate coding_feature_default@9.9.9 is not a known template",
        "next:coding:writing_blog_default@1.0.0 | candidate writing_blog_default@1.0.0 belongs to category 'writing'",
        "next:coding:coding_feature_default@1.0.0 | candidate coding_feature_default@1.0.0 is the category's ga",
        "next:coding:coding_feature_default@0.9.0 | candidate coding_feature_default@0.9.0 is deprecated",
        "next:coding:coding_feature_default@1.1.0,coding_feature_default@1.1.0 | is listed twice"
    })
    void invalidVariableIsRejected(String value, String message) {
        assertThatThrownBy(() -> load(value))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void errorNamesVariableAndValue() {
        assertThatThrownBy(() -> load("next:coding:coding_feature_default@9.9.9"))
                .hasMessageStartingWith("Invalid LAB_EXPERIMENT 'next:coding:coding_feature_default@9.9.9': ");
    }

    @Test
    void fileDefinesExperiments() throws IOException {
        Path file = write("""
                experiments:
                  - name: coding-next
                    category: coding
                    ga: coding_feature_default@1.0.0
                    candidates: [coding_feature_default@1.1.0]
                  - name: planning-sprint
                    category: planning
                    candidates:
                      - planning_sprint_default@0.2.0
                  - name: old-one
                    category: coding
                    candidates: [coding_feature_default@0.0.1]
                    active: false
                """);

        ActiveExperiments experiments = ExperimentSettings.load(Map.of("LAB_EXPERIMENTS_FILE", file.toString()),
                CATALOG, folder);

        assertThat(experiments.all()).extracting(Experiment::name).containsExactly("coding-next", "planning-sprint");
    }

    @Test
    void relativeFileStartsAtWorkingDirectory() throws IOException {
        write("""
                experiments:
                  - name: coding-next
                    category: coding
                    candidates: [coding_feature_default@1.1.0]
                """);

        ActiveExperiments experiments = ExperimentSettings.load(Map.of("LAB_EXPERIMENTS_FILE", "experiments.yaml"),
                CATALOG, folder);

        assertThat(experiments.all()).hasSize(1);
    }

    @Test
    void fileAndVariableCombine() throws IOException {
        Path file = write("""
                experiments:
                  - name: coding-next
                    category: coding
                    candidates: [coding_feature_default@1.1.0]
                """);
        Map<String, String> environment = Map.of("LAB_EXPERIMENTS_FILE", file.toString(),
                "LAB_EXPERIMENT", "writing-email:writing:writing_email_concise@1.0.0");

        ActiveExperiments experiments = ExperimentSettings.load(environment, CATALOG, folder);

        assertThat(experiments.all()).extracting(Experiment::name).containsExactly("coding-next", "writing-email");
    }

    @Test
    void secondActiveOnCategoryIsRejected() throws IOException {
        Path file = write("""
                experiments:
                  - name: coding-next
                    category: coding
                    candidates: [coding_feature_default@1.1.0]
                  - name: coding-review
                    category: coding
                    candidates: [coding_review_strict@0.1.0]
                """);

        assertThatThrownBy(() -> ExperimentSettings.load(Map.of("LAB_EXPERIMENTS_FILE", file.toString()), CATALOG,
                folder))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("experiment 2 ('coding-review')")
                .hasMessageContaining("already has the active experiment 'coding-next'");
    }

    @Test
    void repeatedNameIsRejected() throws IOException {
        Path file = write("""
                experiments:
                  - name: coding-next
                    category: coding
                    candidates: [coding_feature_default@1.1.0]
                """);
        Map<String, String> environment = Map.of("LAB_EXPERIMENTS_FILE", file.toString(),
                "LAB_EXPERIMENT", "coding-next:writing:writing_email_concise@1.0.0");

        assertThatThrownBy(() -> ExperimentSettings.load(environment, CATALOG, folder))
                .hasMessageContaining("the name 'coding-next' is used by another experiment");
    }

    @Test
    void wrongGaIsRejected() throws IOException {
        Path file = write("""
                experiments:
                  - name: coding-next
                    category: coding
                    ga: coding_feature_default@1.1.0
                    candidates: [coding_review_strict@0.1.0]
                """);

        assertThatThrownBy(() -> ExperimentSettings.load(Map.of("LAB_EXPERIMENTS_FILE", file.toString()), CATALOG,
                folder))
                .hasMessageContaining("ga version coding_feature_default@1.1.0 is not the ga version of category"
                        + " 'coding', which is coding_feature_default@1.0.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: x | the file must be a YAML mapping with one field, 'experiments'",
        "experiments: x | field 'experiments' must be a list of experiments",
        "'experiments: [{name: a, category: coding, candidates: [], extra: 1}]' | has the unknown field 'extra'",
        "'experiments: [{name: a, category: coding}]' | experiment 1 ('a') is missing the field 'candidates'",
        "'experiments: [{name: a, category: coding, candidates: []}]' | must be a non-empty list",
        "'experiments: [{name: a, category: coding, candidates: [1.5]}]' | item 1 must be a SLUG@VERSION string",
        "'experiments: [{category: coding, candidates: [a@1]}]' | experiment 1 is missing the field 'name'",
        "'experiments: [{name: a, category: coding, candidates: [a@1], active: maybe}]' | 'active' must be true",
        "'experiments: [{name: a' | not valid YAML"
    })
    void invalidFileIsRejected(String content, String message) throws IOException {
        Path file = write(content);

        assertThatThrownBy(() -> ExperimentSettings.load(Map.of("LAB_EXPERIMENTS_FILE", file.toString()), CATALOG,
                folder))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid LAB_EXPERIMENTS_FILE " + file)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingFileIsRejected() {
        assertThatThrownBy(() -> ExperimentSettings.load(Map.of("LAB_EXPERIMENTS_FILE", "absent.yaml"), CATALOG,
                folder))
                .hasMessageContaining("does not exist");
    }

    @Test
    void unknownCategoryTaskCountsAsGeneral() {
        PromptTemplate ga = CATALOG.defaultFor("general");
        PromptTemplate candidate = new PromptTemplate("general_request_short", "0.1.0", "general", "experimental",
                ga.role(), ga.goal(), ga.outputHints(), ga.qualityRules());
        ActiveExperiments experiments =
                new ActiveExperiments(List.of(new Experiment("general-short", "general", ga, List.of(candidate))));
        LabTask task = new LabTask("t1", TaskKind.SYNTHETIC, "cooking", "bake bread", null, null);

        assertThat(new ExperimentPlanner(experiments, CATALOG).templatesFor(task)).containsExactly(ga, candidate);
    }

    @Test
    void otherCategoryTaskRunsOwnVersion() {
        ActiveExperiments experiments = load("coding-next:coding:coding_feature_default@1.1.0");
        LabTask task = new LabTask("s1", TaskKind.SAMPLE, "writing", "email pls", "writing_email_concise", "1.0.0");

        assertThat(new ExperimentPlanner(experiments, CATALOG).templatesFor(task))
                .extracting(ExperimentSettingsTest::key)
                .containsExactly("writing_email_concise@1.0.0");
    }

    private ActiveExperiments load(String value) {
        return ExperimentSettings.load(Map.of("LAB_EXPERIMENT", value), CATALOG, folder);
    }

    private Path write(String content) throws IOException {
        Path file = folder.resolve("experiments.yaml");
        Files.writeString(file, content);
        return file;
    }

    private static String key(PromptTemplate template) {
        return template.slug() + "@" + template.version();
    }
}
