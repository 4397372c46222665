package dev.orbitar.promptlab.worker.scoring;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The five sub-scores of the rubric, each in 0..1. Each method documents what earns its points; docs/scoring.md
 * gives the same rules in prose. Stateless and thread-safe.
 */
final class SubScores {

    // The file-name part starts only at a word start and never backtracks, so a long unbroken word costs linear time.
    private static final Pattern CONCRETE_DETAIL = Pattern.compile("\\bhttps?://\\S+|`[^`\\n]+`|\"[^\"\\n]{1,200}\""
            + "|“[^”\\n]{1,200}”|(?<![\\w-])[\\w-]{1,100}+\\.(?:java|py|js|ts|go|rs|rb|sql|json|ya?ml|xml|html|css|md"
            + "|txt|csv|xlsx?|pdf|log)\\b|(?<![\\p{L}\\p{N}])\\p{N}[\\p{N}.,:/%-]*");

    private static final Pattern GROUNDING = Pattern.compile("(?i)\\b(?:based on (?:the|this)|use only"
            + "|only (?:the|this) (?:text|material|information|context|data)|from the (?:text|material|context"
            + "|document|data) (?:above|below)|treat (?:the|this) .{0,40}as data|reference material"
            + "|do not follow instructions|verbatim|delimited|between (?:the )?(?:tags|quotes|triple))");

    private static final Pattern DELIMITED_MATERIAL = Pattern.compile("(?m)^\\s*(?:>|\"\"\"|'''|<[a-z_]+>)");

    private static final Pattern CONSTRAINT_STATEMENT = Pattern.compile("(?i)\\b(?:must|must not|do not|don't"
            + "|never|always|only|at most|at least|no more than|avoid|without|make sure|ensure|should not|limit"
            + "|maximum|minimum|exactly|keep)\\b");

    private static final Pattern QUANTITATIVE_LIMIT = Pattern.compile("(?i)\\b(?:\\d[\\d,]*|one|two|three|four"
            + "|five|six|seven|eight|nine|ten)[ -](?:words?|sentences?|paragraphs?|bullet(?:s| points?)|items?"
            + "|points?|lines?|characters?|pages?|minutes?|hours?|days?|weeks?|steps?|examples?)\\b"
            + "|\\b(?:under|at most|no more than|up to|at least|within|maximum of|minimum of) \\$?\\d");

    private static final Pattern VAGUE = Pattern.compile("(?i)\\b(?:maybe|stuff|things|etc\\.?|kind of|sort of"
            + "|whatever|somehow|a bit|something like|some kind|and so on|you know)(?![\\p{L}])");

    private static final Pattern SEQUENCE_WORD = Pattern.compile("(?i)\\b(?:first|then|next|after that|finally"
            + "|lastly|afterwards)\\b");

    /**
     * Scores how well the prompt gives and delimits its background. The context part earns half. Concrete details
     * such as numbers, quoted strings, file names and URLs earn a quarter, full at three. Grounding earns the last
     * quarter: delimited material, or an instruction to work only from the given material.
     */
    double contextHandling(PromptText text, Map<Section, Presence> sections) {
        int details = count(CONCRETE_DETAIL, text.full());
        boolean grounded = text.fencedBlocks() > 0
                || GROUNDING.matcher(text.prose()).find()
                || DELIMITED_MATERIAL.matcher(text.prose()).find();
        return 0.5 * sections.get(Section.CONTEXT).credit()
                + 0.25 * Math.min(1.0, details / 3.0)
                + 0.25 * (grounded ? 1 : 0);
    }

    /**
     * Scores how clearly the prompt limits the answer: constraint statements (0.6, full at four), a quantitative
     * limit such as "200 words" or "at most 3" (0.25), and a constraints heading (0.15), less 0.05 per vague
     * filler word ("stuff", "etc.", "maybe"), at most 0.3.
     */
    double constraintClarity(PromptText text, Map<Section, Presence> sections) {
        long statements = text.proseSentences().stream()
                .filter(sentence -> CONSTRAINT_STATEMENT.matcher(sentence).find())
                .count();
        boolean quantitative = QUANTITATIVE_LIMIT.matcher(text.prose()).find();
        boolean headed = sections.get(Section.CONSTRAINTS) == Presence.HEADING;
        double penalty = Math.min(0.3, 0.05 * count(VAGUE, text.prose()));

        double score = 0.6 * Math.min(1.0, statements / 4.0)
                + 0.25 * (quantitative ? 1 : 0)
                + 0.15 * (headed ? 1 : 0)
                - penalty;
        return clamp(score);
    }

    /**
     * Scores step guidance: the steps part (0.6) and an ordered procedure (0.4 for three or more numbered lines,
     * 0.25 for two, 0.2 for two or more sequence words such as "first" and "then").
     */
    double stepGuidance(PromptText text, Map<Section, Presence> sections) {
        int numbered = SectionDetector.numberedLines(text.proseLines());
        double ordered;
        if (numbered >= 3) {
            ordered = 0.4;
        } else if (numbered == 2) {
            ordered = 0.25;
        } else if (count(SEQUENCE_WORD, text.prose()) >= 2) {
            ordered = 0.2;
        } else {
            ordered = 0;
        }
        return clamp(0.6 * sections.get(Section.STEPS).credit() + ordered);
    }

    /**
     * Scores readability. Mean sentence length earns half, full up to 20 words and falling to 0.3 at 45. The longest
     * paragraph earns a quarter, full up to 120 words. Layout earns a quarter, which prose of more than 80 words
     * gets only with headings, lists or paragraphs.
     */
    double readability(PromptText text) {
        List<String> sentences = text.proseSentences();
        if (sentences.isEmpty()) {
            return 0;
        }

        double meanWords = sentences.stream().mapToInt(PromptText::countWords).average().orElse(0);
        double sentenceScore = meanWords <= 20 ? 1.0 : Math.max(0.3, 1.0 - 0.7 * (meanWords - 20) / 25);

        int longestParagraph = text.paragraphWordCounts().stream().mapToInt(Integer::intValue).max().orElse(0);
        double paragraphScore = longestParagraph <= 120 ? 1.0 : Math.max(0.3, 120.0 / longestParagraph);

        long nonBlankLines = text.proseLines().stream().filter(line -> !line.isBlank()).count();
        boolean laidOut = text.proseWordCount() <= 80 || nonBlankLines >= 4 || text.paragraphWordCounts().size() >= 3;
        double layoutScore = laidOut ? 1.0 : 0.5;

        return 0.5 * sentenceScore + 0.25 * paragraphScore + 0.25 * layoutScore;
    }

    /**
     * Scores length efficiency from the word count of the whole prompt: 0.25 under 10 words, rising to 1.0 at 50,
     * full up to 1,200, and falling to 0.5 at 4,000 and beyond. Half the share of repeated prose lines is deducted.
     */
    double lengthEfficiency(PromptText text) {
        int words = text.wordCount();
        double byLength;
        if (words < 10) {
            byLength = 0.25;
        } else if (words < 50) {
            byLength = 0.25 + 0.75 * (words - 10) / 40.0;
        } else if (words <= 1_200) {
            byLength = 1.0;
        } else if (words < 4_000) {
            byLength = 1.0 - 0.5 * (words - 1_200) / 2_800.0;
        } else {
            byLength = 0.5;
        }
        return clamp(byLength - 0.5 * repeatedLineShare(text.proseLines()));
    }

    /** Returns the share of substantial prose lines (over 20 characters) that repeat an earlier line exactly. */
    private static double repeatedLineShare(List<String> lines) {
        List<String> substantial = lines.stream().map(String::strip).filter(line -> line.length() > 20).toList();
        if (substantial.isEmpty()) {
            return 0;
        }
        long distinct = substantial.stream().distinct().count();
        return (substantial.size() - distinct) / (double) substantial.size();
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
