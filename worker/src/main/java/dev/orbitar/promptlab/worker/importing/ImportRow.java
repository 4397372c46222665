package dev.orbitar.promptlab.worker.importing;

/** A validated row, ready to insert. */
sealed interface ImportRow permits ImportRow.Sample, ImportRow.Synthetic {

    /** The row's id, derived from its kind and text. */
    String id();

    /** The physical line of the file where the row's record starts. */
    long line();

    /** The length of the row's texts, in UTF-16 characters, for bounding a batch's size. */
    int textLength();

    /** A "PromptSample" row. Its refineEventId stays null and its createdAt is the database default. */
    record Sample(long line, String id, String source, String category, String rawText, String refinedText,
            String plan, String templateSlug, String templateVersion) implements ImportRow {

        @Override
        public int textLength() {
            return rawText.length() + (refinedText != null ? refinedText.length() : 0);
        }
    }

    /** A "SyntheticTask" row. Its createdAt is the database default. */
    record Synthetic(long line, String id, String category, String inputText, String difficulty, String tagsJson)
            implements ImportRow {

        @Override
        public int textLength() {
            return inputText.length();
        }
    }
}
