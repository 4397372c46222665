package dev.orbitar.promptlab.worker.settings;

import java.util.List;
import java.util.Locale;

/** Parses the text of one setting into a number, a boolean or one of a few words, with the shared error wording. */
final class SettingValues {

    private SettingValues() {
    }

    /**
     * Parses a whole number written with digits only (no sign, no spaces) and checks it lies in [min, max].
     *
     * @param accepted the end of the error message, such as "a whole number from 1 to 64"
     */
    static int wholeNumber(String setting, String value, int min, int max, String accepted) {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidSettingException(setting, value, accepted);
        }
        long number = Long.parseLong(value);
        if (number < min || number > max) {
            throw new InvalidSettingException(setting, value, accepted);
        }
        return (int) number;
    }

    /** Parses {@code true} or {@code false} in any letter case; every other word is rejected. */
    static boolean bool(String setting, String value) {
        String word = value.toLowerCase(Locale.ROOT);
        if (word.equals("true")) {
            return true;
        }
        if (word.equals("false")) {
            return false;
        }
        throw new InvalidSettingException(setting, value, "true or false");
    }

    /** Returns the lower-case form of value when it is one of choices (compared ignoring case). */
    static String choice(String setting, String value, List<String> choices) {
        String word = value.toLowerCase(Locale.ROOT);
        if (choices.contains(word)) {
            return word;
        }
        throw new InvalidSettingException(setting, value, oneOf(choices));
    }

    /** Formats choices as "a, b or c". */
    static String oneOf(List<String> choices) {
        if (choices.size() == 1) {
            return choices.get(0);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }
}
