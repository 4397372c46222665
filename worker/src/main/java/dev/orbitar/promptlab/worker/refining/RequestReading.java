package dev.orbitar.promptlab.worker.refining;

import java.util.List;

/**
 * What the engine read from the user's own words (pasted material excluded).
 *
 * @param goalSentences the top-level instruction: up to three sentences, verbatim
 * @param personaSentence the sentence that gives the model a role ("act as ..."), verbatim, or null
 * @param constraintSentences sentences that limit the answer (must, never, only, at most ...), verbatim
 * @param formatSentences sentences that shape the answer (JSON, table, 200 words ...), verbatim
 * @param operation the operation the instruction names, or null
 * @param otherLanguage true when the request is mostly not in English
 * @param details concrete details that must survive verbatim: URLs, code, quoted strings, file names, numbers, names
 */
record RequestReading(
        List<String> goalSentences,
        String personaSentence,
        List<String> constraintSentences,
        List<String> formatSentences,
        TaskOperation operation,
        boolean otherLanguage,
        List<String> details) {

    RequestReading {
        goalSentences = List.copyOf(goalSentences);
        constraintSentences = List.copyOf(constraintSentences);
        formatSentences = List.copyOf(formatSentences);
        details = List.copyOf(details);
    }
}
