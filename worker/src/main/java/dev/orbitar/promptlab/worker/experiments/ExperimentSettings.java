package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads the worker's experiments from two environment variables, which may be combined:
 * <ul>
 *   <li>{@code LAB_EXPERIMENTS_FILE}: a YAML file of experiments (see {@link ExperimentFileReader}); a relative
 *       path starts at the working directory.</li>
 *   <li>{@code LAB_EXPERIMENT}: one active experiment, {@code NAME:CATEGORY:SLUG@VERSION[,SLUG@VERSION...]}, whose
 *       ga version is the category's.</li>
 * </ul>
 * Unset or blank variables mean no experiment. Every error is one line naming the variable and the value.
 */
public final class ExperimentSettings {

    public static final String FILE_VARIABLE = "LAB_EXPERIMENTS_FILE";
    public static final String EXPERIMENT_VARIABLE = "LAB_EXPERIMENT";

    private static final String EXPERIMENT_FORM = "NAME:CATEGORY:SLUG@VERSION[,SLUG@VERSION...], e.g."
            + " coding-next:coding:coding_feature_default@1.1.0";

    private ExperimentSettings() {
    }

    /** Loads the experiments, resolving a relative file path against the process's working directory. */
    public static ActiveExperiments load(Map<String, String> environment, TemplateCatalog catalog) {
        return load(environment, catalog, Path.of("").toAbsolutePath());
    }

    /**
     * Loads and validates the experiments.
     *
     * @throws InvalidSettingException on the first invalid variable, file field or experiment
     */
    public static ActiveExperiments load(Map<String, String> environment, TemplateCatalog catalog,
            Path workingDirectory) {
        List<ExperimentDefinition> definitions = new ArrayList<>();

        String file = environment.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            definitions.addAll(new ExperimentFileReader(FILE_VARIABLE).read(path(workingDirectory, file.strip())));
        }

        String experiment = environment.get(EXPERIMENT_VARIABLE);
        if (experiment != null && !experiment.isBlank()) {
            definitions.add(parseVariable(experiment.strip()));
        }

        return new ExperimentValidator(catalog).validate(definitions);
    }

    /** Parses the value of LAB_EXPERIMENT; the values are checked afterwards by {@link ExperimentValidator}. */
    static ExperimentDefinition parseVariable(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length != 3) {
            throw new InvalidSettingException(EXPERIMENT_VARIABLE, value, "expected " + EXPERIMENT_FORM);
        }
        String name = parts[0].strip();
        String category = parts[1].strip();
        List<String> candidates = Arrays.stream(parts[2].split(",", -1)).map(String::strip).toList();
        if (name.isEmpty() || category.isEmpty() || candidates.stream().anyMatch(String::isEmpty)) {
            throw new InvalidSettingException(EXPERIMENT_VARIABLE, value,
                    "a part is empty; expected " + EXPERIMENT_FORM);
        }
        return new ExperimentDefinition(EXPERIMENT_VARIABLE + " '" + value + "'", name, category, null, candidates,
                true);
    }

    private static Path path(Path workingDirectory, String text) {
        try {
            return workingDirectory.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(FILE_VARIABLE, text, "a path to a YAML experiments file");
        }
    }
}
