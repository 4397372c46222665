package dev.orbitar.promptlab.worker.templates;

import java.util.List;

/**
 * One version of a prompt template, loaded from a template data file.
 *
 * @param slug lowercase snake_case {@code category_scope_variant}, e.g. {@code writing_blog_default}
 * @param version a semver string, e.g. {@code 1.0.0}
 * @param category the task category the template serves
 * @param stage lifecycle stage: experimental, beta, ga or deprecated
 * @param role the role the refined prompt gives the model
 * @param goal what a refined prompt in this category must achieve
 * @param outputHints what the refined prompt should ask the answer to look like
 * @param qualityRules checks the refined prompt asks the answer to pass
 */
public record PromptTemplate(
        String slug,
        String version,
        String category,
        String stage,
        String role,
        String goal,
        List<String> outputHints,
        List<String> qualityRules) {

    public PromptTemplate {
        outputHints = List.copyOf(outputHints);
        qualityRules = List.copyOf(qualityRules);
    }
}
