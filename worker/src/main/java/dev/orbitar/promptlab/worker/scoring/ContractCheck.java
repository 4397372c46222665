package dev.orbitar.promptlab.worker.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Judges the output contract: is the answer's form stated clearly, and is the prompt free of contradictions such as
 * "be brief" with "at least 2000 words", a word maximum below a word minimum, two different output formats, or
 * "use bullet points" with "do not use bullet points". Reads the prose only (fenced material is not the prompt's own
 * demand). Stateless and thread-safe.
 */
final class ContractCheck {

    static final double OUTPUT_WEIGHT = 0.40;
    static final double FORMAT_WEIGHT = 0.25;
    static final double SHAPE_WEIGHT = 0.15;
    static final double QUALITY_WEIGHT = 0.20;

    /** The share of contractScore each contradiction keeps: one leaves 65 %, two leave 42 %. */
    static final double CONTRADICTION_FACTOR = 0.65;

    private static final Pattern FORMAT_NAMED = Pattern.compile("(?i)\\b(?:json|yaml|csv|xml|html|markdown|tables?"
            + "|bullet(?:s| points?)|numbered list|list|code blocks?|fenced|paragraphs?|headings?|plain text"
            + "|subject line|title|diff|sections?|outline|checklist|email|e-mail|essay|tweet|script)\\b");

    private static final Pattern SHAPE_STATED = Pattern.compile("(?i)\\b(?:\\d[\\d,]*|one|two|three|four|five|six"
            + "|seven|eight|nine|ten|a few|single)[ -](?:words?|sentences?|paragraphs?|bullet(?:s| points?)|items?"
            + "|points?|lines?|sections?|pages?|tweets?|slides?|characters?|steps?|examples?|options?|ideas?)\\b"
            + "|\\b(?:under|at most|no more than|up to|at least|between) \\d|\\b(?:brief|concise|short|one-liner)\\b");

    private static final Pattern BREVITY = Pattern.compile("(?i)\\b(?:be (?:brief|concise|short|succinct)"
            + "|keep it (?:short|brief)|briefly|in one (?:sentence|line)|one-liner|tl;dr|very short"
            + "|as short as possible)\\b");

    private static final Pattern LENGTHY = Pattern.compile("(?i)\\b(?:as long as possible|exhaustive(?:ly)?"
            + "|in great detail|extremely detailed|long-form)\\b");

    private static final Pattern WORD_MAXIMUM = Pattern.compile("(?i)\\b(?:at most|no more than|under|less than"
            + "|fewer than|maximum(?: of)?|max\\.?|up to|within|no longer than) (\\d[\\d,]*) words\\b");

    private static final Pattern WORD_MINIMUM = Pattern.compile("(?i)\\b(?:at least|no less than|minimum(?: of)?"
            + "|min\\.?|more than|over|no shorter than) (\\d[\\d,]*) words\\b");

    /** Word minimums from this size up contradict a request for brevity. */
    private static final int LONG_MINIMUM_WORDS = 500;

    private static final Pattern FORMAT_DEMAND = Pattern.compile("(?i)\\b(?:(?:respond|reply|answer|output|return"
            + "|format|write|give|provide|present)(?: (?:it|them|this|everything|the \\w+|your \\w+))?(?: only)?"
            + " (?:in|as) (?:an? |the |valid |plain |pure )?|only |just )(json|yaml|csv|xml|html|markdown"
            + "|plain text|text only|a table|table|prose)\\b|\\b(json|yaml|csv|xml|html) only\\b");

    private static final Map<String, String> FORMAT_FAMILY = Map.of(
            "json", "json", "yaml", "yaml", "csv", "csv", "xml", "xml", "html", "html", "markdown", "markdown",
            "a table", "markdown", "table", "markdown", "plain text", "plain text", "prose", "plain text");

    private static final List<String> ELEMENTS = List.of("bullet points", "markdown", "code", "emojis", "headings",
            "tables", "examples", "jargon");

    private static final Map<String, Pattern> ELEMENT_MENTIONS = ELEMENTS.stream().collect(Collectors.toMap(
            element -> element,
            element -> Pattern.compile("(?i)\\b(?:use|using|include|including|add|adding|with|in)"
                    + " (?:a |an |some |any )?" + Pattern.quote(element) + "\\b")));

    // A negation shortly before a mention, in the same clause: "do not use", "don't include", "without any".
    private static final Pattern NEGATION_BEFORE = Pattern.compile(
            "(?i)(?:\\bnot|\\bnever|\\bno|\\bavoid|\\bwithout|n't)\\b[^.;:!?\\n]{0,25}$");

    /** Checks the prose of a prompt whose output part has the given presence. */
    ContractFindings check(PromptText text, Presence output, Presence qualityBar) {
        String prose = text.prose();
        boolean formatNamed = FORMAT_NAMED.matcher(prose).find();
        boolean shapeStated = SHAPE_STATED.matcher(prose).find();

        double clarity = OUTPUT_WEIGHT * output.credit()
                + FORMAT_WEIGHT * (formatNamed ? 1 : 0)
                + SHAPE_WEIGHT * (shapeStated ? 1 : 0)
                + QUALITY_WEIGHT * qualityBar.credit();

        List<String> contradictions = new ArrayList<>();
        brevityAgainstLength(prose, contradictions);
        wordLimits(prose, contradictions);
        formats(prose, contradictions);
        negatedElements(prose, contradictions);
        return new ContractFindings(clarity, formatNamed, shapeStated, qualityBar, contradictions);
    }

    /** Returns contractScore: output clarity, reduced for each contradiction. */
    static double score(ContractFindings findings) {
        return findings.outputClarity() * Math.pow(CONTRADICTION_FACTOR, findings.contradictions().size());
    }

    private static void brevityAgainstLength(String prose, List<String> contradictions) {
        Matcher brevity = BREVITY.matcher(prose);
        if (!brevity.find()) {
            return;
        }
        OptionalInt minimum = largest(WORD_MINIMUM, prose);
        if (minimum.isPresent() && minimum.getAsInt() >= LONG_MINIMUM_WORDS) {
            contradictions.add("brevity ('" + brevity.group() + "') vs at least " + minimum.getAsInt() + " words");
            return;
        }
        Matcher lengthy = LENGTHY.matcher(prose);
        if (lengthy.find()) {
            contradictions.add("brevity ('" + brevity.group() + "') vs '" + lengthy.group() + "'");
        }
    }

    private static void wordLimits(String prose, List<String> contradictions) {
        OptionalInt maximum = smallest(WORD_MAXIMUM, prose);
        OptionalInt minimum = largest(WORD_MINIMUM, prose);
        if (maximum.isPresent() && minimum.isPresent() && minimum.getAsInt() > maximum.getAsInt()) {
            contradictions.add("at least " + minimum.getAsInt() + " words vs at most " + maximum.getAsInt() + " words");
        }
    }

    private static void formats(String prose, List<String> contradictions) {
        TreeSet<String> families = new TreeSet<>();
        Matcher demand = FORMAT_DEMAND.matcher(prose);
        while (demand.find()) {
            String format = demand.group(1) != null ? demand.group(1) : demand.group(2);
            String normalised = format.toLowerCase(Locale.ROOT).equals("text only") ? "plain text" : format;
            families.add(FORMAT_FAMILY.getOrDefault(normalised.toLowerCase(Locale.ROOT), normalised));
        }
        if (families.size() >= 2) {
            contradictions.add("output formats " + String.join(" vs ", families));
        }
    }

    private static void negatedElements(String prose, List<String> contradictions) {
        for (String element : ELEMENTS) {
            boolean negated = false;
            boolean demanded = false;
            Matcher matcher = ELEMENT_MENTIONS.get(element).matcher(prose);
            while (matcher.find()) {
                String before = prose.substring(Math.max(0, matcher.start() - 40), matcher.start());
                if (NEGATION_BEFORE.matcher(before).find()) {
                    negated = true;
                } else {
                    demanded = true;
                }
            }
            if (negated && demanded) {
                contradictions.add("'" + element + "' both requested and forbidden");
            }
        }
    }

    private static OptionalInt smallest(Pattern pattern, String prose) {
        return numbers(pattern, prose).stream().mapToInt(Integer::intValue).min();
    }

    private static OptionalInt largest(Pattern pattern, String prose) {
        return numbers(pattern, prose).stream().mapToInt(Integer::intValue).max();
    }

    private static List<Integer> numbers(Pattern pattern, String prose) {
        List<Integer> numbers = new ArrayList<>();
        Matcher matcher = pattern.matcher(prose);
        while (matcher.find()) {
            String digits = matcher.group(1).replace(",", "");
            if (digits.length() <= 9) {
                numbers.add(Integer.parseInt(digits));
            }
        }
        return numbers;
    }
}
