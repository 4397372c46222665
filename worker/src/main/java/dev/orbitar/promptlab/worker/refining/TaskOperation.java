package dev.orbitar.promptlab.worker.refining;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the user's top-level instruction asks to do with their material, when it is one of the common operations.
 * The refined prompt's steps follow the operation rather than the category, so a request to summarise a pasted
 * e-mail gets summary steps even when the e-mail asks for something else.
 */
enum TaskOperation {
    SUMMARISE(
            "summari[sz]e|tl;?dr|condense|recap|summary of|key (?:points|takeaways) (?:of|from)",
            "Read the whole reference material before writing anything.",
            "Pick the points the reader needs: decisions, requests, dates, numbers and names.",
            "Write the summary in the requested format and length.",
            "Compare each point with the material and remove anything that is not in it."),
    TRANSLATE(
            "translate\\w*|translation|traduz\\w*|traduc\\w*|übersetze\\w*",
            "Identify the source and the target language, and ask when the target is not given.",
            "Translate the meaning rather than word by word, keeping names, numbers, code and formatting unchanged.",
            "Reread the translation as a native speaker would and fix unnatural phrasing."),
    FIX(
            "fix|debug|not working|doesn't work|does not work|crash(?:es|ed)?"
                    + "|getting (?:an? |this )?(?:error|exception)",
            "Restate the expected behaviour and the actual behaviour.",
            "Find the root cause in the given code, error message or logs.",
            "Give the smallest fix and explain why it removes the cause.",
            "Give a test or a check that fails before the fix and passes after it."),
    REWRITE(
            "rewrite|rephrase|paraphrase|proofread"
                    + "|(?:polish|edit|improve|shorten|simplify|correct) (?:this|the|my|our|it|these|following)",
            "List what must stay the same: meaning, facts, names and numbers.",
            "List what must change, as the request asks: tone, length, clarity or grammar.",
            "Rewrite the text, then compare it with the original so that no fact is lost or added."),
    REVIEW(
            "critique|feedback on|(?:review|evaluate|assess|audit) (?:this|the|my|our|it|these|following)",
            "Read the material in full.",
            "List the problems by severity, each with its exact location.",
            "Propose a concrete fix for each problem.",
            "End with an overall verdict."),
    REPLY(
            "reply to|respond to|response to|answer (?:this|the|my) (?:e-?mail|message|letter|comment)",
            "Identify who wrote the original message and what it asks for.",
            "Decide the response the user wants: agree, decline, answer or ask a question.",
            "Draft the reply in a tone that fits the relationship.",
            "Check that each point of the original message is handled as the user wants."),
    EXPLAIN(
            "explain (?:this|the|my|what|how|why|it|these|to me)|what does .{1,60} mean|walk me through",
            "Judge from the request what the reader already knows.",
            "Explain the main idea first, then the details, one step at a time.",
            "Give one concrete example.",
            "Check that every term used is defined or common knowledge.");

    private final Pattern cue;
    private final List<String> steps;

    TaskOperation(String cueWords, String... steps) {
        this.cue = Pattern.compile("(?i).*\\b(?:" + cueWords + ")\\b.*", Pattern.DOTALL);
        this.steps = List.of(steps);
    }

    /** Returns the steps a good answer takes for this operation. */
    List<String> steps() {
        return steps;
    }

    /** Returns the first operation, in declaration order, that the instruction names. */
    static Optional<TaskOperation> detect(String instruction) {
        for (TaskOperation operation : values()) {
            if (operation.cue.matcher(instruction).matches()) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
