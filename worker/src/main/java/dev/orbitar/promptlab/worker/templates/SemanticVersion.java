package dev.orbitar.promptlab.worker.templates;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version ({@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}), ordered by SemVer
 * precedence: build metadata is ignored, and a pre-release sorts before its release. Because of the first rule,
 * {@code compareTo} returns 0 for {@code 1.0.0+a} and {@code 1.0.0+b}, which are not {@code equals}.
 *
 * @param text the version exactly as written, build metadata included
 */
public record SemanticVersion(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease, String text)
        implements Comparable<SemanticVersion> {

    // Numeric parts and numeric pre-release identifiers carry no leading zeros, as SemVer 2.0.0 requires.
    private static final String NUMBER = "(0|[1-9]\\d*)";
    private static final String IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern SEMVER = Pattern.compile(
            NUMBER + "\\." + NUMBER + "\\." + NUMBER
                    + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    /** Parses a version string, or returns empty when it is not SemVer 2.0.0 (surrounding spaces included). */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = SEMVER.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<String> preRelease = matcher.group(4) == null ? List.of() : List.of(matcher.group(4).split("\\."));
        return Optional.of(new SemanticVersion(
                new BigInteger(matcher.group(1)),
                new BigInteger(matcher.group(2)),
                new BigInteger(matcher.group(3)),
                preRelease,
                text));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int byCore = compareCore(other);
        if (byCore != 0) {
            return byCore;
        }
        return comparePreRelease(preRelease, other.preRelease);
    }

    private int compareCore(SemanticVersion other) {
        int byMajor = major.compareTo(other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = minor.compareTo(other.minor);
        if (byMinor != 0) {
            return byMinor;
        }
        return patch.compareTo(other.patch);
    }

    private static int comparePreRelease(List<String> left, List<String> right) {
        // A release (no pre-release identifiers) outranks every pre-release of the same core version.
        if (left.isEmpty() || right.isEmpty()) {
            return Boolean.compare(left.isEmpty(), right.isEmpty());
        }

        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int byIdentifier = compareIdentifier(left.get(i), right.get(i));
            if (byIdentifier != 0) {
                return byIdentifier;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareIdentifier(String left, String right) {
        boolean leftNumeric = left.chars().allMatch(Character::isDigit);
        boolean rightNumeric = right.chars().allMatch(Character::isDigit);
        if (leftNumeric && rightNumeric) {
            return new BigInteger(left).compareTo(new BigInteger(right));
        }
        if (leftNumeric != rightNumeric) {
            // Numeric identifiers have lower precedence than alphanumeric ones.
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }

    @Override
    public String toString() {
        return text;
    }
}
