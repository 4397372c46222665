package dev.orbitar.promptlab.worker.importing;

import java.util.List;

/**
 * The fields one record of the file carries, before validation and defaults. Every field but the line may be null.
 *
 * @param line the physical line where the record starts
 * @param problem why the record cannot be read (malformed CSV, invalid JSON), or null
 * @param text the prompt text
 * @param title a title that helps infer the category
 * @param forDevelopers whether the record is marked as written for developers
 * @param category the category as written in the file
 * @param source the "PromptSample"."source"
 * @param plan the "PromptSample"."plan"
 * @param refinedText the "PromptSample"."refinedText"
 * @param templateSlug the "PromptSample"."templateSlug"
 * @param templateVersion the "PromptSample"."templateVersion"
 * @param difficulty the "SyntheticTask"."difficulty"
 * @param tags the "SyntheticTask"."tags"
 */
record RowDraft(
        long line,
        String problem,
        String text,
        String title,
        boolean forDevelopers,
        String category,
        String source,
        String plan,
        String refinedText,
        String templateSlug,
        String templateVersion,
        String difficulty,
        List<String> tags) {

    static RowDraft unreadable(long line, String problem) {
        return new RowDraft(line, problem, null, null, false, null, null, null, null, null, null, null, null);
    }
}
