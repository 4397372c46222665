package dev.orbitar.promptlab.worker.templates;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one template file: a YAML mapping that contains one template version. Every error is one line that
 * names the file and the field.
 */
final class TemplateFileReader {

    static final Set<String> FIELDS =
            Set.of("slug", "version", "category", "stage", "role", "goal", "outputHints", "qualityRules");

    private static final String FIELD_LIST = "slug, version, category, stage, role, goal, outputHints, qualityRules";

    // category_scope_variant: lowercase snake_case with at least three parts.
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /**
     * Parses one template file.
     *
     * @param source the file name shown in error messages
     * @throws InvalidTemplateException when the file is not valid YAML or a field is missing or invalid
     */
    PromptTemplate read(String source, InputStream input) {
        JsonNode root = readSingleDocument(source, input);
        if (!root.isObject()) {
            throw invalid(source, "the file must be a YAML mapping with the fields " + FIELD_LIST);
        }
        rejectUnknownFields(source, root);

        String slug = requiredText(source, root, "slug");
        String version = requiredVersion(source, root);
        String category = requiredText(source, root, "category");
        String stage = requiredText(source, root, "stage");

        if (!TaskCategories.isKnown(category)) {
            throw invalid(source, "field 'category' is '" + category + "' but must be one of "
                    + TaskCategories.listed());
        }
        if (!SLUG.matcher(slug).matches()) {
            throw invalid(source, "field 'slug' is '" + slug
                    + "' but must be lowercase snake_case category_scope_variant, e.g. " + category + "_request_default");
        }
        if (!slug.startsWith(category + "_")) {
            throw invalid(source, "field 'slug' is '" + slug + "' but must start with its category '" + category + "_'");
        }
        if (TemplateStage.fromWireValue(stage).isEmpty()) {
            throw invalid(source, "field 'stage' is '" + stage + "' but must be one of " + TemplateStage.listed());
        }

        return new PromptTemplate(
                slug,
                version,
                category,
                stage,
                requiredText(source, root, "role"),
                requiredText(source, root, "goal"),
                requiredTextList(source, root, "outputHints"),
                requiredTextList(source, root, "qualityRules"));
    }

    private JsonNode readSingleDocument(String source, InputStream input) {
        // A plain readTree would silently drop every document after the first one.
        try (JsonParser parser = yaml.createParser(input)) {
            JsonNode root = yaml.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw invalid(source, "the file is empty; it must contain one template version");
            }
            if (parser.nextToken() != null) {
                throw invalid(source, "the file contains more than one YAML document; put one template version per file");
            }
            return root;
        } catch (JacksonException e) {
            throw invalid(source, "not valid YAML" + describeLocation(e.getLocation()) + ": " + e.getOriginalMessage()
                    .lines().findFirst().orElse("parse error"), e);
        } catch (IOException e) {
            throw invalid(source, "could not be read: " + e.getMessage(), e);
        }
    }

    private static String describeLocation(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr();
    }

    private static void rejectUnknownFields(String source, JsonNode root) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(source, "unknown field '" + name + "'; the accepted fields are " + FIELD_LIST);
            }
        }
    }

    private static String requiredText(String source, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw invalid(source, "field '" + field + "' is missing");
        }
        if (!node.isTextual()) {
            throw invalid(source, "field '" + field + "' must be a string, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            throw invalid(source, "field '" + field + "' is blank");
        }
        return value;
    }

    private static String requiredVersion(String source, JsonNode root) {
        JsonNode node = root.get("version");
        if (node != null && node.isNumber()) {
            // YAML reads an unquoted 1.0 as a number, which is never a full semver string.
            throw invalid(source, "field 'version' is " + node.asText() + " but must be a semver string like 1.0.0");
        }
        String version = requiredText(source, root, "version");
        if (SemanticVersion.parse(version).isEmpty()) {
            throw invalid(source, "field 'version' is '" + version + "' but must be a semver string like 1.0.0");
        }
        return version;
    }

    private static List<String> requiredTextList(String source, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw invalid(source, "field '" + field + "' is missing");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(source, "field '" + field + "' must be a non-empty list of strings");
        }

        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw invalid(source, "field '" + field + "' item " + (i + 1) + " must be a non-blank string");
            }
            values.add(item.textValue().strip());
        }
        return values;
    }

    private static InvalidTemplateException invalid(String source, String problem) {
        return new InvalidTemplateException("Invalid template file " + source + ": " + problem);
    }

    private static InvalidTemplateException invalid(String source, String problem, Throwable cause) {
        return new InvalidTemplateException("Invalid template file " + source + ": " + problem, cause);
    }
}
