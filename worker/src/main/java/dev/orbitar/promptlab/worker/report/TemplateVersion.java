package dev.orbitar.promptlab.worker.report;

import java.util.Comparator;

/** A template slug and version: the key every leaderboard row and comparison is grouped by. */
public record TemplateVersion(String slug, String version) implements Comparable<TemplateVersion> {

    private static final Comparator<TemplateVersion> ORDER =
            Comparator.comparing(TemplateVersion::slug).thenComparing(TemplateVersion::version);

    /**
     * Parses {@code SLUG@VERSION}, e.g. {@code coding_feature_default@1.1.0}.
     *
     * @throws IllegalArgumentException when either part is missing
     */
    public static TemplateVersion parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("expected SLUG@VERSION, e.g. coding_feature_default@1.1.0");
        }
        return new TemplateVersion(text.substring(0, at), text.substring(at + 1));
    }

    @Override
    public int compareTo(TemplateVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return slug + "@" + version;
    }
}
