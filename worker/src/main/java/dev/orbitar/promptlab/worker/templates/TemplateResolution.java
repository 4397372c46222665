package dev.orbitar.promptlab.worker.templates;

/**
 * The template version chosen for a task, and the rule that chose it (for logs and tests).
 *
 * @param template the chosen template version
 * @param rule which step of the resolution rule picked it
 */
public record TemplateResolution(PromptTemplate template, Rule rule) {

    /** The steps of {@link TemplateCatalog#resolve}, in the order they are tried. */
    public enum Rule {
        /** A synthetic task, or a sample without a slug: the ga version of the task's category. */
        CATEGORY_DEFAULT,
        /** The task's category is not one of the seven: the general category's ga version. */
        UNKNOWN_CATEGORY_GENERAL_DEFAULT,
        /** A sample whose slug and version (1.0.0 when absent) are in the catalog. */
        SAMPLE_VERSION,
        /** A sample whose version is not in the catalog: the slug's ga version. */
        SAMPLE_SLUG_GA,
        /** A sample whose version is not in the catalog and whose slug has no ga version: its newest version. */
        SAMPLE_SLUG_NEWEST,
        /** A sample whose slug is not in the catalog: the general category's ga version. */
        UNKNOWN_SLUG_GENERAL_DEFAULT
    }
}
