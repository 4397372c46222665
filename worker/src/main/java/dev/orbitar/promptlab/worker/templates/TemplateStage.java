package dev.orbitar.promptlab.worker.templates;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The lifecycle stage of a template version; exactly one {@code ga} version serves as its category's default. */
public enum TemplateStage {
    EXPERIMENTAL,
    BETA,
    GA,
    DEPRECATED;

    /** Returns the lowercase value written in template files. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the stage whose file value matches exactly, or empty. */
    public static Optional<TemplateStage> fromWireValue(String value) {
        return Arrays.stream(values()).filter(stage -> stage.wireValue().equals(value)).findFirst();
    }

    /** Returns every file value as one comma-separated string for error messages. */
    public static String listed() {
        return Arrays.stream(values()).map(TemplateStage::wireValue).collect(Collectors.joining(", "));
    }
}
