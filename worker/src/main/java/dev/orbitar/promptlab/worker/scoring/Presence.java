package dev.orbitar.promptlab.worker.scoring;

import java.util.Locale;

/** Strength of one part's presence in a prompt: under a heading or label, in equivalent phrasing, or absent. */
enum Presence {
    HEADING(1.0),
    PHRASE(0.6),
    ABSENT(0.0);

    private final double credit;

    Presence(double credit) {
        this.credit = credit;
    }

    /** Returns the share of the part's weight this presence earns. */
    double credit() {
        return credit;
    }

    /** Returns the lowercase name used in metricsJson. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the stronger of two presences. */
    Presence max(Presence other) {
        return credit >= other.credit ? this : other;
    }
}
