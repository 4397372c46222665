package dev.orbitar.promptlab.worker.experiments;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the experiments file: a YAML mapping whose {@code experiments} field lists experiments, each with the
 * fields {@code name}, {@code category}, {@code candidates} (a list of {@code SLUG@VERSION}), and optionally
 * {@code ga} ({@code SLUG@VERSION}) and {@code active} (default true). Only the file's shape is checked here;
 * {@link ExperimentValidator} checks the values against the template catalog.
 */
final class ExperimentFileReader {

    private static final Set<String> FIELDS = Set.of("name", "category", "ga", "candidates", "active");
    private static final String FIELD_LIST = "name, category, ga, candidates, active";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final String setting;

    /** @param setting the environment variable that named the file, shown in every error */
    ExperimentFileReader(String setting) {
        this.setting = setting;
    }

    /**
     * Reads the experiments of one file, in file order.
     *
     * @throws InvalidSettingException when the file is missing, is not valid YAML or a field is missing or invalid
     */
    List<ExperimentDefinition> read(Path file) {
        JsonNode root = readSingleDocument(file);
        if (!root.isObject() || root.size() != 1 || !root.has("experiments")) {
            throw invalid(file, "the file must be a YAML mapping with one field, 'experiments', listing experiments");
        }
        JsonNode list = root.get("experiments");
        if (!list.isArray()) {
            throw invalid(file, "field 'experiments' must be a list of experiments");
        }

        List<ExperimentDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            definitions.add(definition(file, i + 1, list.get(i)));
        }
        return definitions;
    }

    private JsonNode readSingleDocument(Path file) {
        if (!Files.isRegularFile(file)) {
            throw invalid(file, "the file does not exist or is not a regular file; name a YAML experiments file");
        }
        // A plain readTree would silently drop every document after the first one.
        try (InputStream input = Files.newInputStream(file); JsonParser parser = yaml.createParser(input)) {
            JsonNode root = yaml.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw invalid(file, "the file is empty; list experiments under the field 'experiments'");
            }
            if (parser.nextToken() != null) {
                throw invalid(file, "the file contains more than one YAML document; put every experiment in one");
            }
            return root;
        } catch (JacksonException e) {
            String line = e.getLocation() == null || e.getLocation().getLineNr() < 0
                    ? "" : " at line " + e.getLocation().getLineNr();
            String problem = e.getOriginalMessage().lines().findFirst().orElse("parse error");
            throw invalid(file, "not valid YAML" + line + ": " + problem);
        } catch (IOException e) {
            throw invalid(file, "could not be read: " + e.getMessage());
        }
    }

    private ExperimentDefinition definition(Path file, int position, JsonNode node) {
        String where = "experiment " + position;
        if (!node.isObject()) {
            throw invalid(file, where + " must be a mapping with the fields " + FIELD_LIST);
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(file, where + " has the unknown field '" + name + "'; the accepted fields are "
                        + FIELD_LIST);
            }
        }

        String name = requiredText(file, where, node, "name");
        where = where + " ('" + name + "')";
        String category = requiredText(file, where, node, "category");
        String ga = node.has("ga") && !node.get("ga").isNull() ? requiredText(file, where, node, "ga") : null;
        List<String> candidates = candidates(file, where, node);
        boolean active = active(file, where, node);

        return new ExperimentDefinition(setting + " " + file + " " + where, name, category, ga, candidates, active);
    }

    private String requiredText(Path file, String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw invalid(file, where + " is missing the field '" + field + "'");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw invalid(file, where + " field '" + field + "' must be a non-blank string, not "
                    + describe(value));
        }
        return value.textValue().strip();
    }

    private List<String> candidates(Path file, String where, JsonNode node) {
        JsonNode value = node.get("candidates");
        if (value == null || value.isNull()) {
            throw invalid(file, where + " is missing the field 'candidates'");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw invalid(file, where + " field 'candidates' must be a non-empty list of SLUG@VERSION strings");
        }
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw invalid(file, where + " field 'candidates' item " + (i + 1)
                        + " must be a SLUG@VERSION string, not " + describe(item));
            }
            candidates.add(item.textValue().strip());
        }
        return candidates;
    }

    private boolean active(Path file, String where, JsonNode node) {
        JsonNode value = node.get("active");
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            throw invalid(file, where + " field 'active' must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    private static String describe(JsonNode value) {
        return value.isValueNode() ? "'" + value.asText() + "'" : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private InvalidSettingException invalid(Path file, String problem) {
        return new InvalidSettingException("Invalid " + setting + " " + file + ": " + problem);
    }
}
