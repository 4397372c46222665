package dev.orbitar.promptlab.worker.refining;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the concrete details of a request that a refined prompt must repeat verbatim. Strong details (URLs, e-mail
 * addresses, inline code, quoted strings, file names, numbers) come first; names fill the remaining places.
 * Stateless and thread-safe.
 */
final class DetailExtractor {

    /** The maximum number of details listed, so a long request does not turn into a list of every word. */
    static final int MAX_DETAILS = 20;

    private static final int MAX_DETAIL_CHARS = 160;

    private static final List<Pattern> STRONG = List.of(
            Pattern.compile("\\bhttps?://[^\\s<>()\\[\\]\"'`]+"),
            Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"),
            Pattern.compile("`[^`\\n]+`"),
            // Calls with their arguments: "add(1, 2)", "parse_date('2024-01-31')".
            Pattern.compile("[\\p{L}_][\\w.]*\\([^()\\n]{0,60}\\)"),
            Pattern.compile("\"[^\"\\n]{1,200}\""),
            Pattern.compile("“[^”\\n]{1,200}”"),
            Pattern.compile("«[^»\\n]{1,200}»"),
            Pattern.compile("(?<![\\p{L}\\p{N}])'[^'\\n]{1,120}'(?![\\p{L}\\p{N}])"),
            Pattern.compile("(?<![\\w/.-])[\\w./-]*[\\w-]\\.(?:java|kt|py|js|jsx|ts|tsx|go|rs|rb|php|c|h|cpp|hpp|cs"
                    + "|swift|scala|sh|sql|json|ya?ml|toml|xml|html|css|scss|md|txt|csv|tsv|xlsx?|docx?|pdf|png"
                    + "|jpe?g|gif|svg|log|ini|cfg|conf|env|gradle|lock|proto|ipynb)\\b"),
            Pattern.compile("[\\p{L}\\p{N}$€£¥#._%/:+-]*\\p{N}[\\p{L}\\p{N}$€£¥#._%/:,+-]*"));

    private static final List<Pattern> NAMES = List.of(
            // Multi-word names: "New York", "Acme Corp", "Jane Doe".
            Pattern.compile("(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{Ll}\\p{N}]+(?:[ -]\\p{Lu}[\\p{L}\\p{N}]+)+"),
            // Product and technology names with an inner capital: "PostgreSQL", "iPhone", "JavaScript".
            Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}*\\p{Ll}\\p{Lu}\\p{L}*"),
            // Acronyms: "API", "AWS", "GDPR".
            Pattern.compile("(?<![\\p{L}\\p{N}])\\p{Lu}{2,8}\\d*(?![\\p{L}\\p{N}])"),
            // A capitalised word inside a sentence: "Friday", "Lisbon", "Ann".
            Pattern.compile("(?<=[\\p{L}\\p{N},;)] )\\p{Lu}\\p{Ll}+(?![\\p{L}\\p{N}])"));

    private static final Set<String> NOT_NAMES = Set.of("I", "OK", "The", "This", "That", "Please", "You", "My");

    private static final String TRAILING_PUNCTUATION = ".,;:!?)-/";

    /** Returns the details in the text, strong ones first, each at most once and none contained in another. */
    List<String> extract(String text) {
        TreeMap<Integer, String> strong = find(text, STRONG);
        TreeMap<Integer, String> names = find(text, NAMES);

        List<String> details = new ArrayList<>();
        addAll(details, strong);
        addAll(details, names);
        return details;
    }

    private static TreeMap<Integer, String> find(String text, List<Pattern> patterns) {
        TreeMap<Integer, String> byPosition = new TreeMap<>();
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String detail = trimTrailingPunctuation(matcher.group());
                if (isUseful(detail)) {
                    byPosition.putIfAbsent(matcher.start(), detail);
                }
            }
        }
        return byPosition;
    }

    private static void addAll(List<String> details, TreeMap<Integer, String> byPosition) {
        for (String candidate : byPosition.values()) {
            if (details.size() >= MAX_DETAILS) {
                return;
            }
            boolean covered = details.stream().anyMatch(kept -> kept.contains(candidate));
            if (!covered) {
                details.removeIf(candidate::contains);
                details.add(candidate);
            }
        }
    }

    private static String trimTrailingPunctuation(String detail) {
        // Quoted strings and inline code keep their closing mark; only bare tokens lose sentence punctuation.
        if (detail.endsWith("\"") || detail.endsWith("`") || detail.endsWith("'") || detail.endsWith("”")
                || detail.endsWith("»")) {
            return detail;
        }
        int end = detail.length();
        while (end > 0 && isTrailingPunctuation(detail.substring(0, end))) {
            end--;
        }
        return detail.substring(0, end);
    }

    private static boolean isTrailingPunctuation(String detail) {
        char last = detail.charAt(detail.length() - 1);
        if (last == ')') {
            // "getUser()" keeps its closing bracket; "(see 2.4.1)" loses the unmatched one.
            long opening = detail.chars().filter(c -> c == '(').count();
            long closing = detail.chars().filter(c -> c == ')').count();
            return closing > opening;
        }
        return TRAILING_PUNCTUATION.indexOf(last) >= 0;
    }

    private static boolean isUseful(String detail) {
        return !detail.isBlank()
                && detail.length() <= MAX_DETAIL_CHARS
                && !NOT_NAMES.contains(detail)
                && !detail.startsWith("[Reference ")
                && detail.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
