package dev.orbitar.promptlab.worker.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a draft into a row: checks every value the application constrains, fills the defaults from the options,
 * picks the category (the row's own, else the option, else {@link CategoryRule}) and derives the id.
 */
final class RowChecker {

    /**
     * The outcome for one draft: a row, or the reason it is skipped.
     *
     * @param row the row to insert, or null
     * @param problem why the row is skipped, or null
     */
    record Checked(ImportRow row, String problem) {

        static Checked skip(String problem) {
            return new Checked(null, problem);
        }
    }

    private static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard");
    private static final Pattern TEMPLATE_SLUG = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern TEMPLATE_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.+-]+)?");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportOptions options;

    // NOTE: grows by about 100 bytes per distinct text of the file, the one part of an import that does.
    private final Map<String, Integer> repeatsByFirstId = new HashMap<>();

    RowChecker(ImportOptions options) {
        this.options = options;
    }

    Checked check(RowDraft draft) {
        if (draft.problem() != null) {
            return Checked.skip(draft.problem());
        }

        String text = draft.text();
        if (text == null) {
            return Checked.skip("field 'text' is missing");
        }
        if (text.isBlank()) {
            return Checked.skip("text is empty");
        }
        String unstorable = firstUnstorable(draft);
        if (unstorable != null) {
            return Checked.skip(unstorable);
        }

        Category category;
        if (isGiven(draft.category())) {
            category = Category.parseOrNull(draft.category());
            if (category == null) {
                return Checked.skip("unknown category '" + draft.category() + "'; accepted values are "
                        + Category.ACCEPTED);
            }
        } else if (options.category() != null) {
            category = options.category();
        } else {
            category = CategoryRule.infer(draft.title(), text, draft.forDevelopers());
        }

        String id = idOf(text);
        return options.kind() == TaskKind.SAMPLE
                ? checkSample(draft, id, category)
                : checkSynthetic(draft, id, category);
    }

    private String idOf(String text) {
        String firstId = RowIds.of(options.kind(), text);
        int repeat = repeatsByFirstId.merge(firstId, 1, Integer::sum) - 1;
        return repeat == 0 ? firstId : RowIds.of(options.kind(), text, repeat);
    }

    private Checked checkSample(RowDraft draft, String id, Category category) {
        String source = isGiven(draft.source()) ? draft.source()
                : options.source() != null ? options.source() : ImportOptions.DEFAULT_SOURCE;

        String plan = options.plan() != null ? options.plan() : ImportOptions.DEFAULT_PLAN;
        if (isGiven(draft.plan())) {
            plan = draft.plan().strip().toLowerCase(Locale.ROOT);
            if (!ImportOptions.PLANS.contains(plan)) {
                return Checked.skip("unknown plan '" + draft.plan() + "'; accepted values are "
                        + String.join(", ", ImportOptions.PLANS));
            }
        }

        String templateSlug = givenOrNull(draft.templateSlug());
        if (templateSlug != null && !TEMPLATE_SLUG.matcher(templateSlug).matches()) {
            return Checked.skip("invalid templateSlug '" + templateSlug + "'; expected lowercase snake_case "
                    + "such as writing_blog_default");
        }
        String templateVersion = givenOrNull(draft.templateVersion());
        if (templateVersion != null && !TEMPLATE_VERSION.matcher(templateVersion).matches()) {
            return Checked.skip("invalid templateVersion '" + templateVersion + "'; expected a semver string "
                    + "such as 1.0.0");
        }

        return new Checked(new ImportRow.Sample(draft.line(), id, source, category.wireValue(), draft.text(),
                givenOrNull(draft.refinedText()), plan, templateSlug, templateVersion), null);
    }

    private Checked checkSynthetic(RowDraft draft, String id, Category category) {
        String difficulty = null;
        if (isGiven(draft.difficulty())) {
            difficulty = draft.difficulty().strip().toLowerCase(Locale.ROOT);
            if (!DIFFICULTIES.contains(difficulty)) {
                return Checked.skip("unknown difficulty '" + draft.difficulty() + "'; accepted values are "
                        + String.join(", ", DIFFICULTIES));
            }
        }

        String tagsJson = draft.tags() != null ? toJson(draft.tags()) : null;
        return new Checked(new ImportRow.Synthetic(draft.line(), id, category.wireValue(), draft.text(),
                difficulty, tagsJson), null);
    }

    /** Names the first value PostgreSQL cannot store as text, or returns null when all can be stored. */
    private static String firstUnstorable(RowDraft draft) {
        String[][] fields = {
            {"text", draft.text()}, {"category", draft.category()},
            {"source", draft.source()}, {"plan", draft.plan()}, {"refinedText", draft.refinedText()},
            {"templateSlug", draft.templateSlug()}, {"templateVersion", draft.templateVersion()},
            {"difficulty", draft.difficulty()},
        };
        for (String[] field : fields) {
            String problem = unstorableReason(field[0], field[1]);
            if (problem != null) {
                return problem;
            }
        }
        if (draft.tags() != null) {
            for (String tag : draft.tags()) {
                String problem = unstorableReason("tags", tag);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /**
     * PostgreSQL text has no NUL character, and an unpaired UTF-16 surrogate (possible through a JSON escape)
     * has no UTF-8 form, so the driver would send a replacement character instead of the text.
     */
    private static String unstorableReason(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return field + " contains a NUL character, which PostgreSQL text cannot store";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return field + " contains an unpaired UTF-16 surrogate, which has no UTF-8 form";
            }
        }
        return null;
    }

    private static String toJson(List<String> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of strings failed to serialise as JSON", e);
        }
    }

    private static boolean isGiven(String value) {
        return value != null && !value.isBlank();
    }

    private static String givenOrNull(String value) {
        return isGiven(value) ? value : null;
    }
}
