package dev.orbitar.promptlab.worker.scoring;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds which parts of the prompt contract a prompt carries. A part counts as a heading when a line names it as a
 * Markdown heading, a bold or capitalised title, an XML-style tag, or a label before a colon ("Role:", "**Output
 * format**", "&lt;context&gt;", "CONSTRAINTS"), in anyone's wording, not only ours. It counts as phrasing when the
 * prose carries it without a heading ("You are a ...", "Your task is ...", "Respond in JSON"). Stateless and
 * thread-safe.
 */
final class SectionDetector {

    private static final Map<Section, String> HEADING_WORDS = Map.of(
            Section.ROLE, "role|persona|identity|character|who you are|system role|your role|you are|act as",
            Section.GOAL, "goals?|objectives?|task|tasks|purpose|aim|mission|request|assignment|what to do"
                    + "|your task|the task|main task|problem|question|ask",
            Section.CONTEXT, "context|background|situation|inputs?|references?|reference material|details|about"
                    + "|information|scenario|audience|setting|materials?|given|facts|source|user request",
            Section.STEPS, "steps|process|approach|workflow|procedure|method|instructions|how to|walkthrough|stages"
                    + "|phases|plan|methodology|step[- ]by[- ]step",
            Section.CONSTRAINTS, "constraints|rules|requirements|guidelines|limitations|restrictions|limits"
                    + "|boundaries|dos and don'?ts|don'?ts|do not|must|policies|guardrails|important",
            Section.OUTPUT, "output|output format|format|response format|deliverables?|structure|expected output"
                    + "|answer format|response|return|result|template|output structure|response structure");

    private static final String QUALITY_HEADING_WORDS = "quality|quality check|quality bar|checklist"
            + "|acceptance criteria|success criteria|definition of done|evaluation|self-check|review|verification";

    private static final Map<Section, Pattern> PHRASES = Map.of(
            Section.ROLE, phrase("you are (?:an?|the|my) |you're (?:an?|the) |act(?:ing)? as (?:an?|the|my) "
                    + "|i want you to act as|as an? (?:expert|experienced|senior|professional|seasoned)"
                    + "|your role is|take on the role|pretend to be|imagine you are|you will act as"),
            Section.GOAL, phrase("your (?:task|goal|job|mission|objective) is|the goal is|i want you to|i need you to"
                    + "|i need (?:an?|the|to|help)|i'd like (?:you to|an?|the)|i would like|please \\w+|can you|could you"
                    + "|help me|(?:^|\\n)\\s*(?:write|create|build|draft|generate|design|plan|summari[sz]e|explain"
                    + "|translate|fix|implement|compose|list|give me|make|develop|suggest|recommend|review"
                    + "|analy[sz]e|compare|outline|describe)\\b"),
            Section.CONTEXT, phrase("for context|the context is|i am (?:a|an|working|building|writing|trying|using)"
                    + "|i'm (?:a|an|working|building|writing|trying|using)|we are|we're|my (?:team|company|project"
                    + "|app|website|business|boss|manager|client|audience|readers|code|data)|our (?:team|company"
                    + "|project|product|app|users|customers)|the audience is|the (?:reader|readers|users) (?:are|is)"
                    + "|given (?:the|this|that)|based on (?:the|this)|here is|here's|the following|currently"
                    + "|the user's request"),
            Section.STEPS, phrase("step 1|step one|step[- ]by[- ]step|first,|then,|next,|finally,|after that"
                    + "|start by|begin by"),
            Section.CONSTRAINTS, phrase("must|must not|do not|don't|never|always|only|at most|at least"
                    + "|no more than|avoid|without|make sure|ensure|should not|maximum|minimum|exactly|limit"),
            Section.OUTPUT, phrase("respond with|reply with|answer with|return (?:a|an|the|only)"
                    + "|output (?:a|an|the|only|should|must|format)|format (?:the|your) (?:answer|response|output)"
                    + "|(?:in|as) (?:json|yaml|csv|xml|markdown|a table|table form|bullet points|a list"
                    + "|a numbered list|plain text)|use (?:a table|bullet points|markdown|headings)"
                    + "|(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:words|sentences|paragraphs"
                    + "|bullet points|bullets|items|points|lines|sections|tweets|slides)|code block"
                    + "|your (?:answer|response|output) should"));

    private static final Pattern QUALITY_PHRASE = phrase("before (?:answering|you answer|responding|you respond)"
            + "|(?:check|confirm|verify) that|make sure (?:that )?(?:the|your) (?:answer|response|output)"
            + "|double-check|proofread your");

    // Three or more numbered lines are an ordered procedure even without a "Steps" heading.
    private static final Pattern NUMBERED_LINE = Pattern.compile("^\\s*\\d{1,2}[.)]\\s+\\S");

    private final Map<Section, Pattern> headingPatterns = new EnumMap<>(Section.class);
    private final Pattern qualityHeading;

    SectionDetector() {
        HEADING_WORDS.forEach((section, words) -> headingPatterns.put(section, heading(words)));
        qualityHeading = heading(QUALITY_HEADING_WORDS);
    }

    /** Returns the presence of each contract part in the prompt. */
    Map<Section, Presence> detect(PromptText text) {
        Map<Section, Presence> found = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            Presence presence = hasHeading(text.proseLines(), headingPatterns.get(section))
                    ? Presence.HEADING
                    : phrasePresence(text.prose(), PHRASES.get(section));
            found.put(section, presence);
        }
        if (numberedLines(text.proseLines()) >= 3) {
            found.put(Section.STEPS, found.get(Section.STEPS).max(Presence.PHRASE));
        }
        return found;
    }

    /** Returns how clearly the prompt sets a quality bar for the answer. */
    Presence qualityBar(PromptText text) {
        if (hasHeading(text.proseLines(), qualityHeading)) {
            return Presence.HEADING;
        }
        return phrasePresence(text.prose(), QUALITY_PHRASE);
    }

    /** Returns the number of prose lines that start with "1.", "2)" and the like. */
    static int numberedLines(List<String> lines) {
        return (int) lines.stream().filter(line -> NUMBERED_LINE.matcher(line).find()).count();
    }

    private static boolean hasHeading(List<String> lines, Pattern heading) {
        for (String line : lines) {
            if (line.isBlank() || line.length() > 120) {
                continue;
            }
            if (heading.matcher(line).find() || isCapitalTitle(line, heading)) {
                return true;
            }
        }
        return false;
    }

    /** Returns true for a short all-capitals line such as "OUTPUT FORMAT" that names the part. */
    private static boolean isCapitalTitle(String line, Pattern heading) {
        String title = line.strip();
        boolean allCapitals = title.length() <= 40
                && title.codePoints().anyMatch(Character::isLetter)
                && title.equals(title.toUpperCase(Locale.ROOT));
        return allCapitals && heading.matcher(title + ":").find();
    }

    private static Presence phrasePresence(String prose, Pattern phrase) {
        return phrase.matcher(prose).find() ? Presence.PHRASE : Presence.ABSENT;
    }

    /**
     * Builds a pattern for a heading line: Markdown "## Words", "**Words**", "&lt;words&gt;", "[Words]" or "Words:" as a
     * label, with up to three further words ("Output format and length:"). All-capitals titles are checked separately.
     */
    private static Pattern heading(String words) {
        String title = "(?:" + words + ")(?:[ \\t]+[\\p{L}'/&-]+){0,3}";
        String markdown = "#{1,6}[ \\t]*(?:\\d+[.)][ \\t]*)?" + title + "[ \\t]*:?[ \\t]*$";
        String bold = "(?:\\*\\*|__)[ \\t]*" + title + "[ \\t]*:?[ \\t]*(?:\\*\\*|__)";
        String tag = "<[ \\t]*" + title + "[ \\t]*>";
        String label = "(?:\\d+[.)][ \\t]*)?" + title + "[ \\t]*:";
        String bracket = "\\[[ \\t]*" + title + "[ \\t]*\\]";
        return Pattern.compile("(?i)^[ \\t>*-]*(?:" + markdown + "|" + bold + "|" + tag + "|" + label + "|" + bracket
                + ")");
    }

    private static Pattern phrase(String alternatives) {
        return Pattern.compile("(?i)\\b(?:" + alternatives + ")");
    }
}
