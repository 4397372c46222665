package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import dev.orbitar.promptlab.worker.templates.TaskCategories;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import dev.orbitar.promptlab.worker.templates.TemplateStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks experiment definitions against each other and the template catalog, and turns the active ones into
 * {@link Experiment}s. Every definition gets the shape checks (name, category, {@code SLUG@VERSION} forms). Only
 * active ones get the catalog checks, so an experiment kept on record may name a version that was since removed.
 */
final class ExperimentValidator {

    // Names appear in logs, the worker's schema and the report's --experiment option, so they stay plain.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    private final TemplateCatalog catalog;

    ExperimentValidator(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Returns the active experiments, in definition order.
     *
     * @throws InvalidSettingException on the first invalid definition, naming where it was written
     */
    ActiveExperiments validate(List<ExperimentDefinition> definitions) {
        Set<String> names = new HashSet<>();
        Map<String, String> activeByCategory = new HashMap<>();
        List<Experiment> active = new ArrayList<>();

        for (ExperimentDefinition definition : definitions) {
            checkShape(definition);
            if (!names.add(definition.name())) {
                throw invalid(definition, "the name '" + definition.name() + "' is used by another experiment;"
                        + " give each experiment its own name");
            }
            if (!definition.active()) {
                continue;
            }

            // Two experiments on one category would each want every task of it; the pairing needs one plan.
            String other = activeByCategory.putIfAbsent(definition.category(), definition.name());
            if (other != null) {
                throw invalid(definition, "category '" + definition.category() + "' already has the active"
                        + " experiment '" + other + "'; set active: false on one of them");
            }
            active.add(resolve(definition));
        }
        return new ActiveExperiments(active);
    }

    private static void checkShape(ExperimentDefinition definition) {
        if (!NAME.matcher(definition.name()).matches()) {
            throw invalid(definition, "the name '" + definition.name() + "' must be 1 to 63 lowercase letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit, e.g. coding-next");
        }
        if (!TaskCategories.isKnown(definition.category())) {
            throw invalid(definition, "category '" + definition.category() + "' must be one of "
                    + TaskCategories.listed());
        }
        if (definition.candidates().isEmpty()) {
            throw invalid(definition, "no candidate versions; name at least one SLUG@VERSION");
        }
        if (definition.ga() != null) {
            versionKey(definition, "ga version", definition.ga());
        }
        for (String candidate : definition.candidates()) {
            versionKey(definition, "candidate", candidate);
        }
    }

    private Experiment resolve(ExperimentDefinition definition) {
        PromptTemplate ga = catalog.defaultFor(definition.category());
        if (definition.ga() != null && !definition.ga().equals(key(ga))) {
            throw invalid(definition, "ga version " + definition.ga() + " is not the ga version of category '"
                    + definition.category() + "', which is " + key(ga) + "; correct the experiment's ga or the"
                    + " templates' stage fields");
        }

        List<PromptTemplate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String text : definition.candidates()) {
            String[] parts = versionKey(definition, "candidate", text);
            if (!seen.add(text)) {
                throw invalid(definition, "candidate " + text + " is listed twice; list each version once");
            }
            candidates.add(candidate(definition, parts[0], parts[1], ga));
        }
        return new Experiment(definition.name(), definition.category(), ga, candidates);
    }

    private PromptTemplate candidate(ExperimentDefinition definition, String slug, String version, PromptTemplate ga) {
        String key = slug + "@" + version;
        PromptTemplate template = catalog.find(slug, version).orElseThrow(() -> invalid(definition,
                "candidate " + key + " is not a known template version; check the slug and version against the"
                        + " template files"));
        if (!template.category().equals(definition.category())) {
            throw invalid(definition, "candidate " + key + " belongs to category '" + template.category()
                    + "', not '" + definition.category() + "'; compare versions of one category only");
        }
        if (key(template).equals(key(ga))) {
            throw invalid(definition, "candidate " + key + " is the category's ga version, which every experiment"
                    + " runs as its baseline; name other versions");
        }
        if (template.stage().equals(TemplateStage.DEPRECATED.wireValue())) {
            throw invalid(definition, "candidate " + key + " is deprecated; only experimental or beta versions"
                    + " can be candidates");
        }
        return template;
    }

    /** Splits {@code SLUG@VERSION} into its two parts, or rejects the text. */
    private static String[] versionKey(ExperimentDefinition definition, String role, String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw invalid(definition, role + " '" + text + "' must be SLUG@VERSION, e.g."
                    + " coding_feature_default@1.1.0");
        }
        return new String[] {text.substring(0, at), text.substring(at + 1)};
    }

    private static String key(PromptTemplate template) {
        return template.slug() + "@" + template.version();
    }

    private static InvalidSettingException invalid(ExperimentDefinition definition, String problem) {
        return new InvalidSettingException("Invalid " + definition.source() + ": " + problem);
    }
}
