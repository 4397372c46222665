package dev.orbitar.promptlab.worker.importing;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.util.List;
import java.util.Locale;

/**
 * What one import reads and how it fills the rows. A null field means the option was not given, so its default
 * applies. Options that do not fit the kind or the format are rejected rather than ignored.
 *
 * @param kind which table receives the rows: {@code SAMPLE} for "PromptSample", {@code SYNTHETIC} for "SyntheticTask"
 * @param format the file format, or null to take it from the file's extension
 * @param textColumn the CSV column with the prompt text, or null for {@value #DEFAULT_TEXT_COLUMN}
 * @param titleColumn the CSV column with a title that helps infer the category, or null to use
 *     {@value #DEFAULT_TITLE_COLUMN} when the header has it
 * @param categoryColumn the CSV column with the category, or null when the file has none
 * @param category the category for rows that carry none, or null to infer it from title and text
 * @param source the "PromptSample"."source" for rows that carry none, or null for {@value #DEFAULT_SOURCE}
 * @param plan the "PromptSample"."plan" for rows that carry none (stored in lowercase), or null for
 *     {@value #DEFAULT_PLAN}
 */
public record ImportOptions(
        TaskKind kind,
        ImportFormat format,
        String textColumn,
        String titleColumn,
        String categoryColumn,
        Category category,
        String source,
        String plan) {

    public static final String DEFAULT_TEXT_COLUMN = "prompt";
    public static final String DEFAULT_TITLE_COLUMN = "act";
    public static final String DEFAULT_SOURCE = "import";
    public static final String DEFAULT_PLAN = "free";

    /** The plans the application accepts in "PromptSample"."plan". */
    public static final List<String> PLANS = List.of("free", "light", "pro", "admin");

    public ImportOptions {
        if (kind == null) {
            throw new InvalidSettingException("Missing --kind: accepted values are sample, synthetic");
        }
        requireColumnName("--text-column", textColumn);
        requireColumnName("--title-column", titleColumn);
        requireColumnName("--category-column", categoryColumn);

        if (source != null && source.isBlank()) {
            throw new InvalidSettingException("--source", source, "give a non-blank label such as import or user");
        }
        if (source != null && source.indexOf('\0') >= 0) {
            throw new InvalidSettingException("Invalid --source: it contains a NUL character, which PostgreSQL "
                    + "text cannot store");
        }
        if (plan != null) {
            String givenPlan = plan;
            plan = plan.strip().toLowerCase(Locale.ROOT);
            if (!PLANS.contains(plan)) {
                throw new InvalidSettingException("--plan", givenPlan, "accepted values are " + String.join(", ", PLANS));
            }
        }

        if (kind == TaskKind.SYNTHETIC && source != null) {
            throw new InvalidSettingException("--source applies to --kind sample only: SyntheticTask has no source");
        }
        if (kind == TaskKind.SYNTHETIC && plan != null) {
            throw new InvalidSettingException("--plan applies to --kind sample only: SyntheticTask has no plan");
        }
    }

    /** Returns options with every default: prompt samples, format from the extension, inferred categories. */
    public static ImportOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Rejects column options for a format that has no columns.
     *
     * @throws InvalidSettingException when a column option is given for JSON Lines
     */
    public void checkApplicableTo(ImportFormat resolvedFormat) {
        if (resolvedFormat != ImportFormat.JSONL) {
            return;
        }
        rejectForJsonLines("--text-column", textColumn);
        rejectForJsonLines("--title-column", titleColumn);
        rejectForJsonLines("--category-column", categoryColumn);
    }

    private static void rejectForJsonLines(String option, String value) {
        if (value != null) {
            throw new InvalidSettingException(option + " applies to CSV files only: JSON Lines rows name their "
                    + "fields text, title and category");
        }
    }

    private static void requireColumnName(String option, String value) {
        if (value != null && value.isBlank()) {
            throw new InvalidSettingException(option, value, "give the column name as it appears in the CSV header");
        }
    }

    /** Builds {@link ImportOptions} from command-line strings, rejecting each invalid value with a one-line message. */
    public static final class Builder {
        private TaskKind kind = TaskKind.SAMPLE;
        private ImportFormat format;
        private String textColumn;
        private String titleColumn;
        private String categoryColumn;
        private Category category;
        private String source;
        private String plan;

        private Builder() {
        }

        public Builder kind(TaskKind value) {
            kind = value;
            return this;
        }

        /** Sets the kind from {@code sample} or {@code synthetic}, in any case. */
        public Builder kind(String value) {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "sample":
                    kind = TaskKind.SAMPLE;
                    return this;
                case "synthetic":
                    kind = TaskKind.SYNTHETIC;
                    return this;
                default:
                    throw new InvalidSettingException("--kind", value, "accepted values are sample, synthetic");
            }
        }

        public Builder format(ImportFormat value) {
            format = value;
            return this;
        }

        /** Sets the format from {@code csv}, {@code jsonl} or {@code ndjson}, in any case. */
        public Builder format(String value) {
            ImportFormat parsed = ImportFormat.parseOrNull(value);
            if (parsed == null) {
                throw new InvalidSettingException("--format", value, "accepted values are csv, jsonl, ndjson");
            }
            format = parsed;
            return this;
        }

        public Builder textColumn(String value) {
            textColumn = value;
            return this;
        }

        public Builder titleColumn(String value) {
            titleColumn = value;
            return this;
        }

        public Builder categoryColumn(String value) {
            categoryColumn = value;
            return this;
        }

        public Builder category(Category value) {
            category = value;
            return this;
        }

        /** Sets the fallback category from one of {@link Category#ACCEPTED}, in any case. */
        public Builder category(String value) {
            Category parsed = Category.parseOrNull(value);
            if (parsed == null) {
                throw new InvalidSettingException("--category", value, "accepted values are " + Category.ACCEPTED);
            }
            category = parsed;
            return this;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        /** Sets the plan, which {@link ImportOptions} checks against {@link #PLANS} in any case. */
        public Builder plan(String value) {
            plan = value;
            return this;
        }

        public ImportOptions build() {
            return new ImportOptions(kind, format, textColumn, titleColumn, categoryColumn, category, source, plan);
        }
    }
}
