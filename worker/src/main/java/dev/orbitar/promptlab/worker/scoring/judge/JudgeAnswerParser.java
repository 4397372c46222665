package dev.orbitar.promptlab.worker.scoring.judge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the judge model's response text into a {@link JudgeVerdict}. Models wrap JSON in code fences or prose, nest
 * scores or not, and score on 0-10 or 0-1 scales, and the parser accepts all of these. A response that still
 * yields no complete, in-range set of scores is rejected, so it is recorded as a judge error and never as a score
 * of 0.
 */
public final class JudgeAnswerParser {

    private static final Pattern CODE_FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern FRACTION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+(?:\\.\\d+)?)\\s*");
    private static final List<String> SCORE_FIELDS = List.of("score", "value", "rating");
    private static final List<String> REASON_FIELDS = List.of("reason", "reasoning", "explanation", "why");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    /** One dimension as the judge scored it, before the scale is known. */
    private record RawScore(String dimension, double value, boolean alreadyNormalised, String reason) {
    }

    /**
     * Reads the scores of every rubric dimension.
     *
     * @throws JudgeAnswerException when there is no JSON object, a dimension is missing, or a score is out of range
     */
    public JudgeVerdict parse(String response) throws JudgeAnswerException {
        if (response == null || response.isBlank()) {
            throw new JudgeAnswerException("the judge response is empty");
        }
        JsonNode root = findJsonObject(response);
        JsonNode scoresNode = root.path("scores").isObject() ? root.path("scores") : root;

        List<RawScore> raw = new ArrayList<>();
        for (String dimension : JudgeRubric.DIMENSIONS) {
            raw.add(rawScore(dimension, field(scoresNode, dimension)));
        }

        String scale = scale(root.get("scale"), raw);
        double divisor = scale.equals("0-10") ? 10.0 : 1.0;
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (RawScore score : raw) {
            double normalised = score.alreadyNormalised() ? score.value() : score.value() / divisor;
            if (normalised < 0 || normalised > 1) {
                throw new JudgeAnswerException("score of " + score.dimension() + " is " + score.value()
                        + ", outside the " + scale + " scale");
            }
            scores.put(score.dimension(), normalised);
            if (score.reason() != null && !score.reason().isBlank()) {
                reasons.put(score.dimension(), score.reason().strip());
            }
        }
        double overall = scores.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new JudgeVerdict(scores, reasons, overall, scale);
    }

    /** Finds the first JSON object in the response: inside a code fence if there is one, else among the prose. */
    private JsonNode findJsonObject(String response) throws JudgeAnswerException {
        List<String> candidates = new ArrayList<>();
        Matcher fence = CODE_FENCE.matcher(response);
        while (fence.find()) {
            candidates.add(fence.group(1));
        }
        candidates.add(response);

        for (String candidate : candidates) {
            for (int start = candidate.indexOf('{'); start >= 0; start = candidate.indexOf('{', start + 1)) {
                int end = matchingBrace(candidate, start);
                if (end < 0) {
                    break;
                }
                try {
                    JsonNode node = mapper.readTree(candidate.substring(start, end + 1));
                    if (node.isObject()) {
                        return node;
                    }
                } catch (JacksonException e) {
                    // Not JSON from this brace: try the next one.
                }
            }
        }
        throw new JudgeAnswerException("the judge response contains no JSON object");
    }

    /** Returns the index of the brace closing the one at start, skipping braces inside strings, or -1. */
    private static int matchingBrace(String text, int start) {
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode field(JsonNode node, String dimension) {
        // Accept "output_contract", "outputContract" and "Output Contract" for the same dimension.
        String wanted = dimension.replace("_", "");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
            if (key.equals(wanted)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static RawScore rawScore(String dimension, JsonNode node) throws JudgeAnswerException {
        if (node == null || node.isNull()) {
            throw new JudgeAnswerException("the judge response has no score for " + dimension);
        }
        String reason = null;
        JsonNode valueNode = node;
        if (node.isObject()) {
            valueNode = firstField(node, SCORE_FIELDS);
            JsonNode reasonNode = firstField(node, REASON_FIELDS);
            reason = reasonNode == null ? null : reasonNode.asText();
            if (valueNode == null) {
                throw new JudgeAnswerException("the judge response has no score for " + dimension);
            }
        }

        if (valueNode.isNumber()) {
            return new RawScore(dimension, valueNode.asDouble(), false, reason);
        }
        if (valueNode.isTextual()) {
            String text = valueNode.asText();
            Matcher fraction = FRACTION.matcher(text);
            if (fraction.matches()) {
                double denominator = Double.parseDouble(fraction.group(2));
                if (denominator > 0) {
                    return new RawScore(dimension, Double.parseDouble(fraction.group(1)) / denominator, true, reason);
                }
            }
            try {
                return new RawScore(dimension, Double.parseDouble(text.strip()), false, reason);
            } catch (NumberFormatException e) {
                // Fall through to the error below.
            }
        }
        throw new JudgeAnswerException("the score of " + dimension + " is not a number: " + valueNode);
    }

    private static JsonNode firstField(JsonNode node, List<String> names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    /**
     * Returns the scale of the scores: the response's own {@code scale} when it names one, else 0-10 when any score
     * is above 1 or all are whole numbers (the rubric requests 0-10), else 0-1.
     */
    private static String scale(JsonNode declared, List<RawScore> raw) throws JudgeAnswerException {
        if (declared != null && !declared.isNull()) {
            String text = declared.asText().replace(" ", "").toLowerCase(Locale.ROOT);
            if (text.equals("0-10") || text.equals("10") || text.equals("10.0")) {
                return "0-10";
            }
            if (text.equals("0-1") || text.equals("1") || text.equals("1.0")) {
                return "0-1";
            }
        }

        List<RawScore> unnormalised = raw.stream().filter(score -> !score.alreadyNormalised()).toList();
        if (unnormalised.stream().anyMatch(score -> score.value() > 1)) {
            return "0-10";
        }
        // NOTE: all-whole scores of 0 and 1 are read as 0-10 because the rubric requests that scale. A judge that
        // returns 1 to mean full marks on 0-1, without a scale field, is therefore scored low.
        boolean allWhole = unnormalised.stream().allMatch(score -> score.value() == Math.rint(score.value()));
        return allWhole ? "0-10" : "0-1";
    }
}
