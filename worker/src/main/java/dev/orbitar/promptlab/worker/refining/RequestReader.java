package dev.orbitar.promptlab.worker.refining;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the user's own words: which sentences are the instruction, the requested role, the limits and the output
 * format, which operation is asked for, and which details must survive. Stateless and thread-safe.
 */
final class RequestReader {

    private static final int MAX_GOAL_SENTENCES = 3;
    private static final int MAX_CONSTRAINTS = 12;
    private static final int MAX_FORMAT_SENTENCES = 6;

    private static final Pattern MARKER = Pattern.compile("\\[Reference \\d+\\]");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+•]|\\d{1,3}[.)]|#{1,6})\\s+");

    private static final String VERBS = "write|create|make|build|implement|generate|draft|design|develop|plan"
            + "|summari[sz]e|translate|explain|describe|list|compare|analy[sz]e|review|fix|debug|refactor|rewrite"
            + "|improve|edit|proofread|suggest|recommend|find|research|outline|compose|prepare|produce|provide"
            + "|propose|calculate|convert|draw|brainstorm|help|answer|reply|respond|give|tell|show|teach|organi[sz]e"
            + "|schedule|evaluate|assess|identify|extract|classify|turn|add|update|optimi[sz]e|test|check|format"
            + "|port|migrate|set up|configure|deploy|document|shorten|simplify|expand|continue|complete|rank|sort"
            + "|estimate|predict|solve|prove|derive|critique|polish|paraphrase|rephrase|name|come up with|think of"
            + "|assist|guide|walk me through|recreate|ask|play|respond|correct|transform|express|compile";

    private static final Pattern INSTRUCTION_START = Pattern.compile(
            "(?i)(?:(?:now|then|next|also|and|finally|so)\\b,?\\s*)?"
                    + "(?:please|kindly|can you|could you|would you|will you|i want|i need|i'd like|i would like"
                    + "|i am looking for|i'm looking for|let's|let us|your (?:task|job|goal|mission|role)"
                    + "|you will|you should|you must|how (?:do|can|should) i|what (?:is|are)|my first \\w+(?: \\w+)? is"
                    + "|" + VERBS + ")\\b.*",
            Pattern.DOTALL);

    private static final Pattern PERSONA = Pattern.compile(
            "(?i)\\b(?:act(?:ing)? as|behave as|serve as|pretend (?:to be|you are)|imagine (?:that )?you are"
                    + "|you are (?:an?|the|my) |(?:take on|play|assume) the role|role-?play as)");

    private static final Pattern VERB_ANYWHERE = Pattern.compile("(?i)\\b(?:" + VERBS + ")\\b");

    private static final Pattern CONSTRAINT = Pattern.compile(
            "(?i).*\\b(?:must|mustn't|should(?:n't| not)?|do not|don't|never|always|only|at (?:most|least)"
                    + "|no more than|no less than|maximum|minimum|limit(?:ed)?|avoid|without|keep|under \\d+|exactly"
                    + "|within|no longer than|required|requirements?|ensure|make sure|be sure|refrain|strictly"
                    + "|forbidden|not allowed|prefer)\\b.*",
            Pattern.DOTALL);

    private static final Pattern FORMAT = Pattern.compile(
            "(?i).*\\b(?:format(?:ted)?|json|yaml|csv|xml|html|markdown|table|bullet(?:s| points?)?|numbered|lists?"
                    + "|headings?|code blocks?|paragraphs?|sections?|\\d+\\s*(?:words|characters|chars|lines|sentences"
                    + "|items|points|pages|slides|tweets|bullets)|word count|outline|reply with|respond with"
                    + "|output|return (?:a|an|the|only)|one (?:sentence|line|paragraph|word))\\b.*",
            Pattern.DOTALL);

    // Common English function words that are rarely words of other languages written in Latin script.
    private static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "you", "to", "of", "is", "in", "for",
            "with", "that", "this", "it", "are", "be", "on", "your", "i", "my", "will", "can", "please", "what",
            "how", "write", "an", "or", "from", "about", "should", "want");

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private final DetailExtractor details = new DetailExtractor();

    /** Reads the instruction text of a split request ({@code [Reference N]} markers are ignored). */
    RequestReading read(String instruction) {
        String ownWords = MARKER.matcher(instruction).replaceAll(" ");
        List<String> sentences = sentences(ownWords);

        String persona = sentences.stream().filter(s -> PERSONA.matcher(s).find()).findFirst().orElse(null);
        List<String> goal = goalSentences(sentences);

        List<String> format = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        for (String sentence : sentences) {
            boolean shapesOutput = FORMAT.matcher(sentence).matches();
            if (goal.contains(sentence)) {
                // "Summarise this email in 3 bullet points" is the goal and also the output format.
                if (shapesOutput && format.size() < MAX_FORMAT_SENTENCES) {
                    format.add(sentence);
                }
                continue;
            }
            if (shapesOutput && format.size() < MAX_FORMAT_SENTENCES) {
                format.add(sentence);
            } else if (CONSTRAINT.matcher(sentence).matches() && constraints.size() < MAX_CONSTRAINTS) {
                constraints.add(sentence);
            }
        }

        TaskOperation operation = TaskOperation.detect(String.join(" ", goal)).orElse(null);
        return new RequestReading(goal, persona, constraints, format, operation, isOtherLanguage(ownWords),
                details.extract(ownWords));
    }

    private static List<String> goalSentences(List<String> sentences) {
        List<String> goal = new ArrayList<>();
        for (String sentence : sentences) {
            if (goal.size() == MAX_GOAL_SENTENCES) {
                break;
            }
            if (INSTRUCTION_START.matcher(sentence).matches() && !isPersonaOnly(sentence)) {
                goal.add(sentence);
            }
        }
        if (!goal.isEmpty()) {
            return goal;
        }

        // No sentence reads as an instruction: the first sentence is the best guess at the request.
        return sentences.isEmpty() ? List.of() : List.of(sentences.get(0));
    }

    /** Returns true for "I want you to act as a travel guide." but not for "Act as a guide and plan my trip." */
    private static boolean isPersonaOnly(String sentence) {
        Matcher persona = PERSONA.matcher(sentence);
        if (!persona.find()) {
            return false;
        }
        return !VERB_ANYWHERE.matcher(sentence.substring(persona.end())).find();
    }

    /** Splits text into sentences, treating each line and list item as its own unit. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        for (String line : text.split("\n")) {
            String item = LIST_MARKER.matcher(line).replaceFirst("").strip();
            if (item.isEmpty()) {
                continue;
            }
            iterator.setText(item);
            int start = iterator.first();
            for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
                String sentence = item.substring(start, end).strip();
                if (sentence.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }

    private static boolean isOtherLanguage(String text) {
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int total = 0;
        int english = 0;
        while (words.find()) {
            total++;
            if (ENGLISH_WORDS.contains(words.group())) {
                english++;
            }
        }
        // One word in twelve is an estimated threshold: English prose scores far above it, other languages near 0.
        return total >= 6 && english * 12 < total;
    }
}
