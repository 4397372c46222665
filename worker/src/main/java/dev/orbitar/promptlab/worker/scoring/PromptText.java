package dev.orbitar.promptlab.worker.scoring;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt prepared for scoring: its prose (the text outside Markdown code fences, so that pasted code and quoted
 * material cannot count as the prompt's own sections or rules), its lines, sentences and word counts.
 */
final class PromptText {

    private static final Pattern FENCE_OPEN = Pattern.compile("\\s{0,3}(`{3,}|~{3,}).*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’_-]*");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+•]|\\d{1,3}[.)])\\s+");

    private final String full;
    private final String prose;
    private final List<String> proseLines;
    private final int fencedBlocks;

    private PromptText(String full, String prose, List<String> proseLines, int fencedBlocks) {
        this.full = full;
        this.prose = prose;
        this.proseLines = List.copyOf(proseLines);
        this.fencedBlocks = fencedBlocks;
    }

    /** Prepares a prompt: unifies line endings and separates fenced blocks from the prose. */
    static PromptText of(String prompt) {
        String text = prompt.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = List.of(text.split("\n", -1));
        List<String> proseLines = new ArrayList<>();
        int fencedBlocks = 0;

        int i = 0;
        while (i < lines.size()) {
            Matcher open = FENCE_OPEN.matcher(lines.get(i));
            if (!open.matches()) {
                proseLines.add(lines.get(i));
                i++;
                continue;
            }

            fencedBlocks++;
            String fence = open.group(1);
            i++;
            while (i < lines.size() && !closes(lines.get(i), fence)) {
                i++;
            }
            i++;
            // A blank line keeps the paragraphs on either side of the block apart.
            proseLines.add("");
        }
        return new PromptText(text, String.join("\n", proseLines), proseLines, fencedBlocks);
    }

    private static boolean closes(String line, String fence) {
        String candidate = line.strip();
        return candidate.length() >= fence.length() && candidate.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Returns the whole prompt with LF line endings. */
    String full() {
        return full;
    }

    /** Returns the prompt without its fenced blocks. */
    String prose() {
        return prose;
    }

    /** Returns the prose lines, blank ones included. */
    List<String> proseLines() {
        return proseLines;
    }

    /** Returns the number of fenced blocks. */
    int fencedBlocks() {
        return fencedBlocks;
    }

    /** Returns the number of words in the whole prompt, fenced blocks included. */
    int wordCount() {
        return countWords(full);
    }

    /** Returns the number of words in the prose. */
    int proseWordCount() {
        return countWords(prose);
    }

    /** Returns the prose sentences; each line and list item counts as its own unit. */
    List<String> proseSentences() {
        List<String> sentences = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        for (String line : proseLines) {
            String item = LIST_MARKER.matcher(line).replaceFirst("").strip();
            if (item.isEmpty()) {
                continue;
            }
            iterator.setText(item);
            int start = iterator.first();
            for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
                String sentence = item.substring(start, end).strip();
                if (countWords(sentence) > 0) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }

    /** Returns the word counts of the prose paragraphs (runs of non-blank lines). */
    List<Integer> paragraphWordCounts() {
        List<Integer> counts = new ArrayList<>();
        int current = 0;
        for (String line : proseLines) {
            if (line.isBlank()) {
                if (current > 0) {
                    counts.add(current);
                }
                current = 0;
            } else {
                current += countWords(line);
            }
        }
        if (current > 0) {
            counts.add(current);
        }
        return counts;
    }

    static int countWords(String text) {
        Matcher words = WORD.matcher(text);
        int count = 0;
        while (words.find()) {
            count++;
        }
        return count;
    }
}
