package dev.orbitar.promptlab.worker.scoring;

import dev.orbitar.promptlab.worker.templates.TaskCategories;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic rubric: scores a prompt on its structure (which contract parts it carries), its output contract
 * (format stated, no contradictions), its domain vocabulary, and five sub-scores, then combines them into
 * overallScore with fixed weights. Every score is in 0..1 and rounded to four decimals; metricsJson carries the
 * sections found, the sub-scores, the weights, the contradictions and the scorer version. The repository's
 * docs/scoring.md describes each score. Instances are immutable and thread-safe.
 */
public final class RubricScorer implements Scorer {

    /** The scorer name in metricsJson. */
    public static final String NAME = "rubric";

    /** The rubric's version in metricsJson; raise it whenever a rule or weight changes, so old scores stay apart. */
    public static final String VERSION = "1.0.0";

    /** The weights of overallScore, summing to 1. */
    public static final Map<String, Double> WEIGHTS = weights();

    private static final int MAX_TERMS_IN_METRICS = 20;

    private final SectionDetector sections = new SectionDetector();
    private final ContractCheck contract = new ContractCheck();
    private final DomainVocabulary vocabulary = new DomainVocabulary();
    private final SubScores subScores = new SubScores();

    /**
     * Scores a prompt. A blank prompt scores 0 everywhere; an unknown or null category is scored as general and
     * metricsJson records the category used.
     *
     * @throws ScoringException when the prompt is null
     */
    @Override
    public ScoreCard score(String prompt, String category) throws ScoringException {
        if (prompt == null) {
            throw new ScoringException("No prompt to score: the refined prompt is null", null);
        }
        String scoredCategory = TaskCategories.isKnown(category) ? category : TaskCategories.GENERAL;
        PromptText text = PromptText.of(prompt);

        Map<Section, Presence> found = sections.detect(text);
        double structure = found.entrySet().stream()
                .mapToDouble(entry -> entry.getKey().weight() * entry.getValue().credit())
                .sum();

        ContractFindings findings = contract.check(text, found.get(Section.OUTPUT), sections.qualityBar(text));
        double contractScore = ContractCheck.score(findings);

        List<String> terms = vocabulary.matchedTerms(text.full(), scoredCategory);
        double domain = DomainVocabulary.score(terms.size());

        Map<String, Double> subs = new LinkedHashMap<>();
        subs.put("contextHandling", subScores.contextHandling(text, found));
        subs.put("constraintClarity", subScores.constraintClarity(text, found));
        subs.put("stepGuidance", subScores.stepGuidance(text, found));
        subs.put("readability", subScores.readability(text));
        subs.put("lengthEfficiency", subScores.lengthEfficiency(text));
        if (prompt.isBlank()) {
            subs.replaceAll((name, value) -> 0.0);
        }

        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("structure", structure);
        parts.put("contract", contractScore);
        parts.put("domain", domain);
        parts.putAll(subs);
        double overall = WEIGHTS.entrySet().stream()
                .mapToDouble(weight -> weight.getValue() * parts.get(weight.getKey()))
                .sum();

        Map<String, Object> metrics = metrics(category, scoredCategory, text, found, findings, terms, subs);
        return new ScoreCard(round(structure), round(contractScore), round(domain), round(overall), metrics);
    }

    private static Map<String, Object> metrics(String requestedCategory, String scoredCategory, PromptText text,
            Map<Section, Presence> found, ContractFindings findings, List<String> terms, Map<String, Double> subs) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("scorer", NAME);
        metrics.put("scorerVersion", VERSION);
        metrics.put("category", scoredCategory);
        if (!scoredCategory.equals(requestedCategory)) {
            metrics.put("requestedCategory", String.valueOf(requestedCategory));
        }

        Map<String, String> sectionPresence = new LinkedHashMap<>();
        List<String> sectionsFound = new ArrayList<>();
        found.forEach((section, presence) -> {
            sectionPresence.put(section.key(), presence.key());
            if (presence != Presence.ABSENT) {
                sectionsFound.add(section.key());
            }
        });
        metrics.put("sections", sectionPresence);
        metrics.put("sectionsFound", sectionsFound);

        Map<String, Double> roundedSubs = new LinkedHashMap<>();
        subs.forEach((name, value) -> roundedSubs.put(name, round(value)));
        roundedSubs.put("outputClarity", round(findings.outputClarity()));
        metrics.put("subScores", roundedSubs);
        metrics.put("weights", WEIGHTS);

        metrics.put("contradictions", findings.contradictions());
        metrics.put("outputFormatNamed", findings.formatNamed());
        metrics.put("outputShapeStated", findings.shapeStated());
        metrics.put("qualityBar", findings.qualityBar().key());
        metrics.put("domainTerms", terms.subList(0, Math.min(terms.size(), MAX_TERMS_IN_METRICS)));
        metrics.put("domainTermCount", terms.size());
        metrics.put("wordCount", text.wordCount());
        metrics.put("fencedBlocks", text.fencedBlocks());
        return metrics;
    }

    private static Map<String, Double> weights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("structure", 0.25);
        weights.put("contract", 0.20);
        weights.put("domain", 0.10);
        weights.put("contextHandling", 0.10);
        weights.put("constraintClarity", 0.10);
        weights.put("stepGuidance", 0.08);
        weights.put("readability", 0.09);
        weights.put("lengthEfficiency", 0.08);
        return Collections.unmodifiableMap(weights);
    }

    private static double round(double value) {
        return Math.round(SubScores.clamp(value) * 10_000) / 10_000.0;
    }
}
