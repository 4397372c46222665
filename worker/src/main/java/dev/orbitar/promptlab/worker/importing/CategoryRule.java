package dev.orbitar.promptlab.worker.importing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Infers the category of a row that carries none, by keywords:
 * <ol>
 *   <li>a row marked for developers (the CSV column {@code for_devs} holding {@code TRUE}) is {@code coding};</li>
 *   <li>else the first category, in the order coding, communication, creative, writing, planning, research,
 *       with a keyword among the title's words;</li>
 *   <li>else the same test on the words of the text's first {@value #TEXT_PREFIX_CHARS} characters;</li>
 *   <li>else {@code general}.</li>
 * </ol>
 * Words are maximal runs of letters and digits, compared in lowercase. Only the start of the text counts because
 * that is where a prompt states its request, while reference material pasted further down (an e-mail to answer,
 * code to explain) would otherwise decide the category.
 */
public final class CategoryRule {

    static final int TEXT_PREFIX_CHARS = 1_000;

    // Iteration order is the priority order: the first category with a match wins.
    private static final Map<Category, Set<String>> KEYWORDS = new LinkedHashMap<>();

    static {
        KEYWORDS.put(Category.CODING, Set.of(
                "code", "coding", "coder", "programming", "programmer", "developer", "software", "debug",
                "debugging", "refactor", "api", "sql", "regex", "javascript", "typescript", "python", "java",
                "kotlin", "golang", "html", "css", "bash", "linux", "git", "docker", "kubernetes", "compiler",
                "algorithm", "frontend", "backend", "devops", "database"));
        KEYWORDS.put(Category.COMMUNICATION, Set.of(
                "email", "emails", "mail", "letter", "letters", "message", "messages", "memo", "reply", "replies",
                "invitation", "apology", "announcement", "newsletter"));
        KEYWORDS.put(Category.CREATIVE, Set.of(
                "story", "stories", "storyteller", "poem", "poems", "poet", "poetry", "lyrics", "song", "songs",
                "novel", "novelist", "fiction", "screenplay", "screenwriter", "haiku", "rap", "fairy", "tale"));
        KEYWORDS.put(Category.WRITING, Set.of(
                "essay", "essays", "article", "articles", "blog", "blogger", "copywriter", "copywriting",
                "proofread", "proofreader", "editor", "writer", "headline", "headlines"));
        KEYWORDS.put(Category.PLANNING, Set.of(
                "plan", "plans", "planner", "planning", "schedule", "scheduling", "roadmap", "itinerary",
                "timeline", "agenda", "milestones"));
        KEYWORDS.put(Category.RESEARCH, Set.of(
                "research", "researcher", "analyse", "analyze", "analysis", "analyst", "compare", "comparison",
                "investigate", "literature", "survey"));
    }

    private CategoryRule() {
    }

    /**
     * Infers the category of one row.
     *
     * @param title the row's title, or null
     * @param text the row's text
     * @param forDevelopers whether the row is marked as written for developers
     */
    public static Category infer(String title, String text, boolean forDevelopers) {
        if (forDevelopers) {
            return Category.CODING;
        }

        if (title != null) {
            Category fromTitle = firstMatch(title);
            if (fromTitle != null) {
                return fromTitle;
            }
        }

        String opening = text.length() > TEXT_PREFIX_CHARS ? text.substring(0, TEXT_PREFIX_CHARS) : text;
        Category fromText = firstMatch(opening);
        return fromText != null ? fromText : Category.GENERAL;
    }

    private static Category firstMatch(String value) {
        Set<String> words = wordsOf(value);
        for (Map.Entry<Category, Set<String>> entry : KEYWORDS.entrySet()) {
            for (String keyword : entry.getValue()) {
                if (words.contains(keyword)) {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    private static Set<String> wordsOf(String value) {
        Set<String> words = new HashSet<>();
        StringBuilder word = new StringBuilder();
        value.codePoints().forEach(codePoint -> {
            if (Character.isLetterOrDigit(codePoint)) {
                word.appendCodePoint(codePoint);
            } else if (word.length() > 0) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
