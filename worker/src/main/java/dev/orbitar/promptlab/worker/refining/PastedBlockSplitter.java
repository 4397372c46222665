package dev.orbitar.promptlab.worker.refining;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates the user's top-level instruction from material pasted into the request, so that the refined prompt
 * follows the instruction and treats the material as data. Detected material, in order of precedence:
 * <ul>
 *   <li>Markdown code fences ({@code ```} or {@code ~~~}), closed or running to the end;</li>
 *   <li>blocks between lines of {@code """} or {@code '''}, and runs of {@code >} quoted lines that follow an
 *       introducing line (elsewhere such lines are callouts of the prompt itself);</li>
 *   <li>text after an introducing line such as "Here is the email:", "Summarise this article:" or "Text:", up to a
 *       delimiter line ({@code ---}, {@code ***}, {@code ===}) or a paragraph that turns back to the instruction
 *       ("Now ...", "Task: ...", "... the email above ...");</li>
 *   <li>when nothing else matched, every paragraph before a last paragraph that refers to "the text above".</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class PastedBlockSplitter {

    private static final String MATERIAL_NOUNS = "e-?mails?|messages?|texts?|articles?|code|documents?|essays?|logs?"
            + "|transcripts?|paragraphs?|letters?|posts?|excerpts?|passages?|stor(?:y|ies)|drafts?|reports?|snippets?"
            + "|threads?|conversations?|chats?|reviews?|notes|content|data|tables?|json|csv|yaml|xml|errors?"
            + "|stack ?traces?|quer(?:y|ies)|functions?|scripts?|files?|poems?|lyrics|abstracts?|papers?|descriptions?"
            + "|feedback|quotes?|speech|statements?|contracts?|polic(?:y|ies)|resumes?|cv"
            + "|bio|sentences?|input|source|tweets?|memos?|minutes|job (?:description|posting|ad)";

    // "Summarise this email:", "Here is my code:", "Translate the following text into French:": a pointer word
    // directly before the material noun (up to three words between), in a line of at most 200 characters.
    private static final Pattern INTRO_LINE = Pattern.compile(
            "(?i)(?=.{1,200}$).*\\b(?:this|these|the following|following|my|our|the|attached|pasted|below)\\s+"
                    + "(?:[\\w-]+\\s+){0,3}?(" + MATERIAL_NOUNS + ")\\b[^:.!?\\n]{0,40}:\\s*");

    // An introduction that names rules for the answer is an instruction, not pasted material.
    private static final Pattern RULE_WORDS = Pattern.compile(
            "(?i).*\\b(?:requirements?|rules?|instructions?|guidelines?|steps?|criteria|format|specifications?"
                    + "|constraints?|sections?|handle|process|ask|include)\\b.*");

    // A fence after "Use this format:" or "Respond like this:" shows the shape of the answer, not material.
    private static final Pattern FORMAT_INTRO = Pattern.compile(
            "(?i).*\\b(?:format|template|structure|schema|example|examples|like this|as follows|output|respond"
                    + "|reply|return)\\b.*:\\s*");

    // A bare label line: "Email:", "Original text:", "Input:".
    private static final Pattern LABEL_LINE = Pattern.compile(
            "(?i)\\s*(?:(?:original|source|input|my|the|full|raw)\\s+)?(" + MATERIAL_NOUNS + ")\\s*:\\s*");

    // "Here is the email: Hi Bob, ..." with the material on the same line as its introduction.
    private static final Pattern INLINE_INTRO = Pattern.compile(
            "(?i)(.*?\\b(?:here(?: is|'s| are)|below is|the following)\\b[^:\\n]{0,60}?\\b(" + MATERIAL_NOUNS
                    + ")\\b[^:.!?\\n]{0,40}:)[ \\t]+(\\S.*)");

    private static final Pattern FENCE_OPEN = Pattern.compile("\\s{0,3}(`{3,}|~{3,}).*");
    private static final Pattern TRIPLE_QUOTE = Pattern.compile("\\s*(\"\"\"|''')\\s*");
    private static final Pattern QUOTED_LINE = Pattern.compile("\\s{0,3}>.*");
    private static final Pattern DELIMITER = Pattern.compile(
            "\\s*(?:-{3,}|\\*{3,}|={3,}|_{3,}|\\[?end(?: of [\\w -]{1,30})?\\]?)\\s*", Pattern.CASE_INSENSITIVE);

    // A paragraph that turns back from the material to the instruction.
    private static final Pattern RETURN_CUE = Pattern.compile(
            "(?i)\\s*(?:(?:now|then|next|task|instructions?|my (?:question|request)|question|request"
                    + "|what i (?:want|need))\\b[ ,:]|.*\\b(?:the|this|that|these) (?:" + MATERIAL_NOUNS
                    + ") above\\b|.*\\babove (?:" + MATERIAL_NOUNS + ")\\b).*",
            Pattern.DOTALL);

    private static final Pattern REFERS_ABOVE = Pattern.compile(
            "(?i).*\\b(?:(?:the|this|that|these) (?:" + MATERIAL_NOUNS + ") above|above (?:" + MATERIAL_NOUNS
                    + ")|the above)\\b.*",
            Pattern.DOTALL);

    /** Splits a normalised request (LF line endings) into the instruction and its pasted blocks. */
    SplitRequest split(String text) {
        List<String> lines = List.of(text.split("\n", -1));
        List<String> instruction = new ArrayList<>();
        List<ReferenceBlock> references = new ArrayList<>();

        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            int next;
            String previous = lastNonBlank(instruction);
            if (FENCE_OPEN.matcher(line).matches()) {
                next = closeFence(lines, i);
                String kind = FORMAT_INTRO.matcher(previous).matches() ? ReferenceBlock.FORMAT_EXAMPLE : "code";
                references.add(new ReferenceBlock(kind, joinClosedFence(lines, i, next), true));
            } else if (TRIPLE_QUOTE.matcher(line).matches()) {
                next = closeTripleQuote(lines, i);
                references.add(new ReferenceBlock("quoted text", join(lines, i, next), false));
            } else if (QUOTED_LINE.matcher(line).matches() && isIntroduction(previous)) {
                // Quoted lines count as material only after an introduction; elsewhere they are callouts.
                next = i;
                while (next < lines.size() && QUOTED_LINE.matcher(lines.get(next)).matches()) {
                    next++;
                }
                references.add(new ReferenceBlock("quoted text", join(lines, i, next), false));
            } else if (introducesMaterial(lines, i)) {
                instruction.add(line);
                int start = skipBlankLines(lines, i + 1);
                next = endOfPastedMaterial(lines, start);
                if (next <= start) {
                    i++;
                    continue;
                }
                references.add(new ReferenceBlock("pasted " + materialNoun(line), join(lines, start, next), false));
            } else {
                Matcher inline = INLINE_INTRO.matcher(line);
                if (inline.matches() && !RULE_WORDS.matcher(inline.group(1)).matches()) {
                    next = endOfPastedMaterial(lines, i + 1);
                    String material = inline.group(3) + (next > i + 1 ? "\n" + join(lines, i + 1, next) : "");
                    instruction.add(inline.group(1) + " " + SplitRequest.marker(references.size() + 1));
                    references.add(new ReferenceBlock("pasted " + inline.group(2).toLowerCase(Locale.ROOT),
                            material, false));
                    i = next;
                    continue;
                }
                instruction.add(line);
                i++;
                continue;
            }
            instruction.add(SplitRequest.marker(references.size()));
            i = next;
        }

        if (references.isEmpty()) {
            return splitTextAbove(text);
        }
        return new SplitRequest(String.join("\n", instruction).strip(), references);
    }

    private static boolean isIntroduction(String line) {
        boolean intro = INTRO_LINE.matcher(line).matches() && !RULE_WORDS.matcher(line).matches();
        return intro || LABEL_LINE.matcher(line).matches();
    }

    private static String lastNonBlank(List<String> instruction) {
        for (int i = instruction.size() - 1; i >= 0; i--) {
            if (!instruction.get(i).isBlank()) {
                return instruction.get(i);
            }
        }
        return "";
    }

    private static boolean introducesMaterial(List<String> lines, int index) {
        if (!isIntroduction(lines.get(index))) {
            return false;
        }

        // A fence or quote after the introduction is its own block, so the introduction stays a plain line.
        int start = skipBlankLines(lines, index + 1);
        if (start >= lines.size()) {
            return false;
        }
        String first = lines.get(start);
        return !FENCE_OPEN.matcher(first).matches()
                && !TRIPLE_QUOTE.matcher(first).matches()
                && !QUOTED_LINE.matcher(first).matches();
    }

    private static String materialNoun(String introLine) {
        Matcher intro = INTRO_LINE.matcher(introLine);
        if (intro.matches()) {
            return intro.group(1).toLowerCase(Locale.ROOT);
        }
        Matcher label = LABEL_LINE.matcher(introLine);
        return label.matches() ? label.group(1).toLowerCase(Locale.ROOT) : "text";
    }

    /** Returns the index after the last line of material that starts at {@code start}. */
    // NOTE: material followed by an instruction with no delimiter and no cue word ("Make it shorter.") is kept
    // inside the reference block, so that instruction reaches the model only through the verbatim material.
    private static int endOfPastedMaterial(List<String> lines, int start) {
        int i = start;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (DELIMITER.matcher(line).matches() || FENCE_OPEN.matcher(line).matches()) {
                return trimTrailingBlankLines(lines, start, i);
            }
            boolean paragraphStart = i > start && lines.get(i - 1).isBlank() && !line.isBlank();
            if (paragraphStart && RETURN_CUE.matcher(line).matches()) {
                return trimTrailingBlankLines(lines, start, i);
            }
            i++;
        }
        return trimTrailingBlankLines(lines, start, i);
    }

    private static int closeFence(List<String> lines, int open) {
        String opener = lines.get(open).strip();
        for (int i = open + 1; i < lines.size(); i++) {
            if (closesFence(lines.get(i), opener)) {
                return i + 1;
            }
        }
        return lines.size();
    }

    /** Joins a fenced block and closes it when the user's fence ran to the end of the request. */
    private static String joinClosedFence(List<String> lines, int open, int end) {
        String block = join(lines, open, end);
        String opener = lines.get(open).strip();
        if (end - open >= 2 && closesFence(lines.get(end - 1), opener)) {
            return block;
        }
        return block.stripTrailing() + "\n" + opener.substring(0, fenceLength(opener));
    }

    private static boolean closesFence(String line, String opener) {
        String candidate = line.strip();
        return candidate.length() >= fenceLength(opener) && candidate.chars().allMatch(c -> c == opener.charAt(0));
    }

    private static int fenceLength(String opener) {
        int length = 0;
        while (length < opener.length() && opener.charAt(length) == opener.charAt(0)) {
            length++;
        }
        return length;
    }

    private static int closeTripleQuote(List<String> lines, int open) {
        String quote = lines.get(open).strip();
        for (int i = open + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(quote)) {
                return i + 1;
            }
        }
        return lines.size();
    }

    private static SplitRequest splitTextAbove(String text) {
        String[] paragraphs = text.split("\n\\s*\n");
        String last = paragraphs[paragraphs.length - 1];
        if (paragraphs.length < 2 || !REFERS_ABOVE.matcher(last).matches()) {
            return new SplitRequest(text, List.of());
        }

        int lastStart = text.lastIndexOf(last);
        String material = text.substring(0, lastStart).strip();
        return new SplitRequest(SplitRequest.marker(1) + "\n\n" + last.strip(),
                List.of(new ReferenceBlock("text above the request", material, false)));
    }

    private static int skipBlankLines(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    private static int trimTrailingBlankLines(List<String> lines, int start, int end) {
        int i = end;
        while (i > start && lines.get(i - 1).isBlank()) {
            i--;
        }
        return i;
    }

    private static String join(List<String> lines, int from, int to) {
        return String.join("\n", lines.subList(from, to));
    }
}
