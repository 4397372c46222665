package dev.orbitar.promptlab.worker.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.templates.TemplateResolution.Rule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {

    private static final String EXTRA_CODING_1_2 = """
            slug: coding_feature_default
            version: 1.2.0
            category: coding
            stage: beta
            role: You are a software engineer.
            goal: Implement the feature.
            outputHints:
              - Give the code in fenced blocks.
            qualityRules:
              - The code runs.
            """;

    private final TemplateCatalog catalog = TemplateCatalog.builtIn();

    @Test
    void builtInHasOneDefaultPerCategory() {
        for (String category : TaskCategories.ALL) {
            PromptTemplate template = catalog.defaultFor(category);

            assertThat(template.category()).as(category).isEqualTo(category);
            assertThat(template.stage()).as(category).isEqualTo("ga");
        }
    }

    @Test
    void builtInDefaultsHaveExpectedSlugs() {
        assertThat(catalog.defaultFor("coding").slug()).isEqualTo("coding_feature_default");
        assertThat(catalog.defaultFor("writing").slug()).isEqualTo("writing_blog_default");
        assertThat(catalog.defaultFor("general").slug()).isEqualTo("general_request_default");
    }

    @Test
    void builtInHasEveryStage() {
        List<String> stages = catalog.all().stream().map(PromptTemplate::stage).distinct().toList();

        assertThat(stages).containsExactlyInAnyOrder("experimental", "beta", "ga", "deprecated");
    }

    @Test
    void builtInIndexListsEveryFile() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource(TemplateCatalog.BUILT_IN_FOLDER);
        List<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            onDisk = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml")).toList();
        }

        assertThat(catalog.all()).hasSize(onDisk.size());
    }

    @Test
    void builtInFileNamesMatchSlugAndVersion() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource(TemplateCatalog.BUILT_IN_FOLDER);
        List<String> expected = catalog.all().stream().map(t -> t.slug() + "-" + t.version() + ".yaml").toList();

        for (String name : expected) {
            assertThat(Path.of(folder.toURI()).resolve(name)).as(name).exists();
        }
    }

    @Test
    void versionsOfSortedOldestFirst() {
        List<String> versions = catalog.versionsOf("coding_feature_default").stream()
                .map(PromptTemplate::version)
                .toList();

        assertThat(versions).containsExactly("0.9.0", "1.0.0", "1.1.0");
    }

    @Test
    void findReturnsExactVersion() {
        PromptTemplate template = catalog.find("coding_feature_default", "0.9.0").orElseThrow();

        assertThat(template.stage()).isEqualTo("deprecated");
    }

    @Test
    void findUnknownVersionIsEmpty() {
        assertThat(catalog.find("coding_feature_default", "7.0.0")).isEmpty();
        assertThat(catalog.find("nope_nope_nope", "1.0.0")).isEmpty();
        assertThat(catalog.find(null, "1.0.0")).isEmpty();
    }

    @Test
    void resolveSyntheticUsesCategoryDefault() {
        TemplateResolution resolution = catalog.explain(synthetic("research"));

        assertThat(resolution.template().slug()).isEqualTo("research_question_default");
        assertThat(resolution.rule()).isEqualTo(Rule.CATEGORY_DEFAULT);
    }

    @Test
    void resolveSyntheticIgnoresSlug() {
        LabTask task = new LabTask("t1", TaskKind.SYNTHETIC, "coding", "text", "coding_bugfix_default", "1.0.0");

        assertThat(catalog.resolve(task).slug()).isEqualTo("coding_feature_default");
    }

    @Test
    void resolveUnknownCategoryUsesGeneralDefault() {
        TemplateResolution resolution = catalog.explain(synthetic("marketing"));

        assertThat(resolution.template().slug()).isEqualTo("general_request_default");
        assertThat(resolution.rule()).isEqualTo(Rule.UNKNOWN_CATEGORY_GENERAL_DEFAULT);
    }

    @Test
    void resolveSampleWithoutSlugUsesCategoryDefault() {
        TemplateResolution resolution = catalog.explain(sample("planning", null, null));

        assertThat(resolution.template().slug()).isEqualTo("planning_project_default");
        assertThat(resolution.rule()).isEqualTo(Rule.CATEGORY_DEFAULT);
    }

    @Test
    void resolveSampleUsesOwnVersion() {
        TemplateResolution resolution = catalog.explain(sample("coding", "coding_feature_default", "0.9.0"));

        assertThat(resolution.template().version()).isEqualTo("0.9.0");
        assertThat(resolution.rule()).isEqualTo(Rule.SAMPLE_VERSION);
    }

    @Test
    void resolveSampleVersionDefaultsTo100() {
        TemplateResolution resolution = catalog.explain(sample("coding", "coding_bugfix_default", null));

        assertThat(resolution.template().slug()).isEqualTo("coding_bugfix_default");
        assertThat(resolution.template().version()).isEqualTo("1.0.0");
        assertThat(resolution.rule()).isEqualTo(Rule.SAMPLE_VERSION);
    }

    @Test
    void resolveSampleTrimsSlugAndVersion() {
        LabTask task = sample("coding", " coding_feature_default ", " 1.1.0 ");

        assertThat(catalog.resolve(task).version()).isEqualTo("1.1.0");
    }

    @Test
    void resolveUnknownVersionUsesSlugGa() {
        TemplateResolution resolution = catalog.explain(sample("coding", "coding_feature_default", "3.0.0"));

        assertThat(resolution.template().version()).isEqualTo("1.0.0");
        assertThat(resolution.rule()).isEqualTo(Rule.SAMPLE_SLUG_GA);
    }

    @Test
    void resolveUnknownVersionWithoutGaUsesNewest(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("a.yaml"), template("coding_review_strict", "0.2.0", "coding", "deprecated"));
        Files.writeString(extra.resolve("b.yaml"), template("coding_review_strict", "0.1.5", "coding", "beta"));
        TemplateCatalog withExtras = TemplateCatalog.load(extra);

        TemplateResolution resolution = withExtras.explain(sample("coding", "coding_review_strict", "9.9.9"));

        // 0.2.0 is newer but deprecated, so the newest version still in use wins.
        assertThat(resolution.template().version()).isEqualTo("0.1.5");
        assertThat(resolution.rule()).isEqualTo(Rule.SAMPLE_SLUG_NEWEST);
    }

    @Test
    void resolveAllDeprecatedUsesNewest(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("a.yaml"), template("writing_memo_old", "0.3.0", "writing", "deprecated"));
        Files.writeString(extra.resolve("b.yaml"), template("writing_memo_old", "0.10.0", "writing", "deprecated"));
        TemplateCatalog withExtras = TemplateCatalog.load(extra);

        PromptTemplate template = withExtras.resolve(sample("writing", "writing_memo_old", null));

        assertThat(template.version()).isEqualTo("0.10.0");
    }

    @Test
    void resolveUnknownSlugUsesGeneralDefault() {
        TemplateResolution resolution = catalog.explain(sample("coding", "coding_legacy_v0", "1.0.0"));

        assertThat(resolution.template().slug()).isEqualTo("general_request_default");
        assertThat(resolution.rule()).isEqualTo(Rule.UNKNOWN_SLUG_GENERAL_DEFAULT);
    }

    @Test
    void extraFolderAddsVersion(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("coding-1.2.0.yaml"), EXTRA_CODING_1_2);

        TemplateCatalog withExtras = TemplateCatalog.load(extra);

        assertThat(withExtras.find("coding_feature_default", "1.2.0")).isPresent();
        assertThat(withExtras.versionsOf("coding_feature_default")).hasSize(4);
    }

    @Test
    void extraFolderOverridesBuiltIn(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("override.yml"), """
                slug: writing_email_concise
                version: 1.0.0
                category: writing
                stage: experimental
                role: You are a terse writer.
                goal: Write a very short e-mail.
                outputHints: [Plain text only.]
                qualityRules: [Under 80 words.]
                """);

        TemplateCatalog withExtras = TemplateCatalog.load(extra);
        PromptTemplate template = withExtras.find("writing_email_concise", "1.0.0").orElseThrow();

        assertThat(template.role()).isEqualTo("You are a terse writer.");
        assertThat(template.stage()).isEqualTo("experimental");
    }

    @Test
    void extraFolderIgnoresOtherFiles(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("README.md"), "not a template");
        Files.writeString(extra.resolve(".hidden.yaml"), "not: a template");

        TemplateCatalog withExtras = TemplateCatalog.load(extra);

        assertThat(withExtras.all()).hasSameSizeAs(catalog.all());
    }

    @Test
    void extraFolderMissingRejected(@TempDir Path extra) {
        Path missing = extra.resolve("absent");

        assertThatThrownBy(() -> TemplateCatalog.load(missing))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("absent")
                .hasMessageContaining("does not exist");
    }

    @Test
    void extraDuplicateSlugVersionRejected(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("a.yaml"), EXTRA_CODING_1_2);
        Files.writeString(extra.resolve("b.yaml"), EXTRA_CODING_1_2);

        assertThatThrownBy(() -> TemplateCatalog.load(extra))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("b.yaml")
                .hasMessageContaining("a.yaml")
                .hasMessageContaining("coding_feature_default 1.2.0");
    }

    @Test
    void secondGaInCategoryRejected(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("ga.yaml"), template("planning_roadmap_default", "1.0.0", "planning", "ga"));

        assertThatThrownBy(() -> TemplateCatalog.load(extra))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("ga.yaml")
                .hasMessageContaining("'stage'")
                .hasMessageContaining("'planning'");
    }

    @Test
    void overrideRemovingLastGaRejected(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("g.yaml"),
                template("general_request_default", "1.0.0", "general", "deprecated"));

        assertThatThrownBy(() -> TemplateCatalog.load(extra))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("'general'")
                .hasMessageContaining("stage");
    }

    @Test
    void gaMovedToNewVersion(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("old.yaml"),
                template("general_request_default", "1.0.0", "general", "deprecated"));
        Files.writeString(extra.resolve("new.yaml"), template("general_request_default", "2.0.0", "general", "ga"));

        TemplateCatalog withExtras = TemplateCatalog.load(extra);

        assertThat(withExtras.defaultFor("general").version()).isEqualTo("2.0.0");
    }

    @Test
    void invalidExtraFileNamedInError(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("broken.yaml"), template("coding_x_default", "1.0", "coding", "beta"));

        assertThatThrownBy(() -> TemplateCatalog.load(extra))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("'version'");
    }

    static String template(String slug, String version, String category, String stage) {
        return """
                slug: %s
                version: "%s"
                category: %s
                stage: %s
                role: You are an expert.
                goal: Do the task well.
                outputHints:
                  - Use bullet points.
                qualityRules:
                  - Keep every number exact.
                """.formatted(slug, version, category, stage);
    }

    private static LabTask synthetic(String category) {
        return new LabTask("s1", TaskKind.SYNTHETIC, category, "rough text", null, null);
    }

    private static LabTask sample(String category, String slug, String version) {
        return new LabTask("p1", TaskKind.SAMPLE, category, "rough text", slug, version);
    }
}
