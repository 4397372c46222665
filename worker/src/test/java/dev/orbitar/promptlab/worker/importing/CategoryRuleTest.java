package dev.orbitar.promptlab.worker.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategoryRuleTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Python Tutor          | Explain decorators to me                         | CODING
            SQL terminal          | Act as a database                                | CODING
            E-mail Assistant      | Help me reply                                    | COMMUNICATION
            Cover letter          | I need help                                      | COMMUNICATION
            Storyteller           | Tell tales for children                          | CREATIVE
            Poet                  | Write verses                                     | CREATIVE
            Essay Writer          | Write about climate                              | WRITING
            Blog Post Helper      | Help with my post                                | WRITING
            Travel Planner        | I go to Rome                                     | PLANNING
            Product Roadmap       | Our next quarter                                 | PLANNING
            Market Researcher     | Look into the market                             | RESEARCH
            Comparison Helper     | Compare two phones                               | RESEARCH
            Motivational Coach    | Encourage me every morning                       | GENERAL
            Chef                  | Suggest a recipe                                 | GENERAL
            """)
    void titleDecides(String title, String text, Category expected) {
        assertThat(CategoryRule.infer(title, text, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Write a Python function that parses dates                  | CODING
            Draft an email to my landlord about the heating             | COMMUNICATION
            Write a short story about a lighthouse keeper               | CREATIVE
            Write an article on urban gardening                         | WRITING
            Make a study schedule for my exams                          | PLANNING
            Analyze the causes of inflation and compare two theories    | RESEARCH
            Tell me something nice                                      | GENERAL
            """)
    void textDecidesWithoutTitle(String text, Category expected) {
        assertThat(CategoryRule.infer(null, text, false)).isEqualTo(expected);
    }

    @Test
    void forDevelopersWins() {
        assertThat(CategoryRule.infer("Poet", "Write a poem", true)).isEqualTo(Category.CODING);
    }

    @Test
    void titleBeatsText() {
        assertThat(CategoryRule.infer("Poet", "Reply to this email with a poem", false)).isEqualTo(Category.CREATIVE);
    }

    @Test
    void priorityOrderBreaksTies() {
        assertThat(CategoryRule.infer(null, "Write a poem for my blog", false)).isEqualTo(Category.CREATIVE);
    }

    @Test
    void wholeWordsOnly() {
        assertThat(CategoryRule.infer(null, "Codependency and planets explained", false))
                .isEqualTo(Category.GENERAL);
    }

    @Test
    void textBeyondOpeningIgnored() {
        String text = "Summarise what follows. " + "x ".repeat(CategoryRule.TEXT_PREFIX_CHARS) + "email";

        assertThat(CategoryRule.infer(null, text, false)).isEqualTo(Category.GENERAL);
    }

    @Test
    void caseAndPunctuationIgnored() {
        assertThat(CategoryRule.infer("(E-MAIL)", "", false)).isEqualTo(Category.COMMUNICATION);
    }
}
