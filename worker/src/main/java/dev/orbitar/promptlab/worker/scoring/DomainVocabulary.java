package dev.orbitar.promptlab.worker.scoring;

import dev.orbitar.promptlab.worker.templates.TaskCategories;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Category vocabulary for domainScore: the terms a prompt in each category uses when it names what matters in that
 * domain. A coding prompt names the language, the inputs, the tests and the errors, and a plan names the
 * milestones, owners and deadlines. Stateless and thread-safe.
 */
final class DomainVocabulary {

    /** Distinct terms that earn the full domainScore. */
    static final int FULL_SCORE_TERMS = 8;

    private static final Map<String, List<String>> TERMS = Map.of(
            "coding", List.of("code", "function", "method", "class", "module", "api", "endpoint", "test", "tests",
                    "unit test", "bug", "error", "exception", "stack trace", "input", "output", "return", "compile",
                    "runtime", "library", "dependency", "framework", "database", "sql", "query", "refactor",
                    "performance", "edge case", "edge cases", "type", "interface", "repository", "commit", "deploy",
                    "python", "java", "javascript", "typescript", "golang", "rust", "c#", "c++", "kotlin", "html",
                    "css", "json", "regex", "algorithm", "complexity", "variable", "script", "file", "implement",
                    "implementation", "debug", "lint", "version"),
            "writing", List.of("audience", "reader", "readers", "tone", "voice", "style", "draft", "headline",
                    "title", "paragraph", "paragraphs", "introduction", "conclusion", "outline", "word count", "words",
                    "blog", "article", "essay", "post", "newsletter", "copy", "edit", "proofread", "clarity",
                    "structure", "argument", "thesis", "hook", "call to action", "seo", "publish", "grammar",
                    "sentence", "sentences", "narrative", "summary", "section", "sections", "prose", "quote",
                    "quotation", "takeaway", "formal", "informal"),
            "planning", List.of("plan", "goal", "goals", "milestone", "milestones", "timeline", "deadline",
                    "deadlines", "schedule", "task", "tasks", "owner", "owners", "priority", "priorities", "risk",
                    "risks", "dependency", "dependencies", "budget", "resources", "phase", "phases", "sprint",
                    "roadmap", "week", "weeks", "month", "months", "quarter", "estimate", "estimates", "capacity",
                    "scope", "deliverable", "deliverables", "kpi", "metrics", "stakeholder", "stakeholders",
                    "checkpoint", "assumption", "assumptions", "mitigation", "backlog", "agenda", "routine"),
            "research", List.of("research", "question", "hypothesis", "evidence", "source", "sources", "citation",
                    "citations", "cite", "study", "studies", "paper", "papers", "literature", "data", "dataset",
                    "method", "methodology", "analysis", "findings", "results", "conclusion", "limitations",
                    "bias", "sample", "statistics", "statistical", "peer-reviewed", "survey", "compare",
                    "comparison", "trend", "trends", "uncertainty", "confidence", "summary", "summarise", "summarize",
                    "review", "claim", "claims", "scope", "period", "reliable"),
            "creative", List.of("story", "poem", "poetry", "character", "characters", "plot", "setting", "scene",
                    "dialogue", "narrator", "voice", "tone", "mood", "imagery", "metaphor", "rhyme", "rhythm",
                    "meter", "stanza", "verse", "haiku", "sonnet", "lyrics", "song", "genre", "fantasy",
                    "science fiction", "mystery", "humor", "humour", "ending", "twist", "theme", "themes", "script",
                    "screenplay", "world", "creative", "imaginative", "vivid", "title", "chapter", "fiction"),
            "communication", List.of("email", "e-mail", "message", "reply", "respond", "response", "recipient",
                    "sender", "subject line", "greeting", "sign-off", "tone", "polite", "formal", "informal",
                    "colleague", "colleagues", "manager", "customer", "client", "team", "stakeholder", "meeting",
                    "follow-up", "follow up", "request", "apology", "thank", "announcement", "slack", "channel",
                    "call to action", "deadline", "feedback", "relationship", "audience", "letter", "invitation",
                    "update", "introduce", "negotiate"),
            "general", List.of("question", "answer", "request", "explain", "explanation", "example", "examples",
                    "detail", "details", "step", "steps", "list", "summary", "context", "goal", "audience",
                    "format", "clear", "clarify", "assumption", "assumptions", "options", "recommendation",
                    "recommendations", "pros", "cons", "compare", "information", "advice", "help", "guide",
                    "overview", "topic", "purpose", "level of detail", "accurate", "concise", "source", "sources"));

    private final Map<String, List<Term>> terms = new LinkedHashMap<>();

    DomainVocabulary() {
        TERMS.forEach((category, words) -> terms.put(category, words.stream().map(Term::of).toList()));
    }

    /** Returns the category's terms found in the text, in list order; an unknown category uses general. */
    List<String> matchedTerms(String text, String category) {
        String known = TaskCategories.isKnown(category) ? category : TaskCategories.GENERAL;
        List<String> matched = new ArrayList<>();
        for (Term term : terms.get(known)) {
            if (term.pattern.matcher(text).find()) {
                matched.add(term.text);
            }
        }
        return matched;
    }

    /** Returns domainScore for a number of distinct matched terms. */
    static double score(int matchedTerms) {
        return Math.min(1.0, matchedTerms / (double) FULL_SCORE_TERMS);
    }

    /** A vocabulary term and the pattern that finds it as a whole word, in any case. */
    private record Term(String text, Pattern pattern) {

        static Term of(String text) {
            return new Term(text, Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
    }
}
