package dev.orbitar.promptlab.worker.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void parseAcceptsReleaseAndPreRelease() {
        assertThat(SemanticVersion.parse("1.0.0")).isPresent();
        assertThat(SemanticVersion.parse("1.1.0-beta.1+build.7")).isPresent();
    }

    @Test
    void parseRejectsNonSemver() {
        for (String text : List.of("1.0", "v1.0.0", "01.0.0", "1.0.0-", " 1.0.0", "1.0.0-01", "")) {
            assertThat(SemanticVersion.parse(text)).as(text).isEmpty();
        }
        assertThat(SemanticVersion.parse(null)).isEmpty();
    }

    @Test
    void precedenceFollowsSemver() {
        List<String> ordered = List.of("0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0");

        List<String> sorted = Stream.of("1.10.0", "1.0.0-beta.11", "2.0.0", "1.0.0", "1.0.0-alpha.beta", "0.9.0",
                        "1.0.0-rc.1", "1.0.0-alpha", "1.2.0", "1.0.0-beta", "1.0.0-alpha.1", "1.0.0-beta.2")
                .map(text -> SemanticVersion.parse(text).orElseThrow())
                .sorted()
                .map(SemanticVersion::text)
                .toList();

        assertThat(sorted).containsExactlyElementsOf(ordered);
    }

    @Test
    void buildMetadataIgnoredInPrecedence() {
        SemanticVersion left = SemanticVersion.parse("1.0.0+a").orElseThrow();
        SemanticVersion right = SemanticVersion.parse("1.0.0+b").orElseThrow();

        assertThat(left.compareTo(right)).isZero();
    }
}
