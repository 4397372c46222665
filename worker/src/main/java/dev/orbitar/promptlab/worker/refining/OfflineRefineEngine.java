package dev.orbitar.promptlab.worker.refining;

import java.util.regex.Pattern;

/**
 * A deterministic refine engine that needs no network: it rewrites the user's rough text into the prompt contract
 * (Role, Goal, Context, Constraints, Steps, Output format, Quality check) with rules, guided by the template. It is
 * meant as the default when no API key is set and as the baseline that model-written refinements are compared with.
 *
 * <p>The refined prompt keeps the user's words verbatim (inside code fences) and lists the concrete details that
 * must survive. It follows the user's top-level instruction, presents pasted material (code fences, quoted blocks,
 * text after "here is the email:") as data, and never carries out the task: it writes a prompt, not an answer.
 * The same input always gives the same prompt. Instances are immutable and thread-safe.
 */
public final class OfflineRefineEngine implements RefineEngine {

    /** The engine name recorded with each run's usage. */
    public static final String NAME = "offline";

    /** The model name stored as LabRun.modelName: rules, not a language model, version 1. */
    public static final String MODEL_NAME = "offline/rules-v1";

    /** The input cap the previous worker used, in characters (UTF-16 code units). */
    public static final int DEFAULT_INPUT_CAP = 8_000;

    // C0 control characters other than tab and line feed; PostgreSQL TEXT rejects NUL outright.
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    private final int inputCap;
    private final PastedBlockSplitter splitter = new PastedBlockSplitter();
    private final RequestReader reader = new RequestReader();
    private final PromptWriter writer = new PromptWriter();

    /** Creates an engine with the default input cap of 8,000 characters. */
    public OfflineRefineEngine() {
        this(DEFAULT_INPUT_CAP);
    }

    /**
     * Creates an engine that cuts longer input at {@code inputCap} characters.
     *
     * @throws IllegalArgumentException when the cap is below 1
     */
    public OfflineRefineEngine(int inputCap) {
        if (inputCap < 1) {
            throw new IllegalArgumentException("Invalid input cap " + inputCap + ": expected at least 1 character");
        }
        this.inputCap = inputCap;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Returns the input cap in characters. */
    public int inputCap() {
        return inputCap;
    }

    /**
     * Refines one task's text.
     *
     * @throws RefineFailure with code {@code empty_input} when the text is null, blank or only control characters
     */
    @Override
    public String modelFor(String category) {
        return MODEL_NAME;
    }

    @Override
    public Refinement refine(RefineRequest request) throws RefineFailure {
        long started = System.nanoTime();
        String text = normalise(request.rawText());
        if (text.isEmpty()) {
            throw new RefineFailure("empty_input", "Task " + request.taskId() + " has empty text: nothing to refine",
                    false, RefineUsage.local(NAME, elapsedMillis(started), 0, false), null);
        }

        boolean truncated = text.length() > inputCap;
        if (truncated) {
            text = cut(text, inputCap);
        }

        SplitRequest split = splitter.split(text);
        RequestReading reading = reader.read(split.instruction());
        String prompt = writer.write(request.template(), request.category(), split, reading,
                truncated ? inputCap : -1);

        RefineUsage usage = RefineUsage.local(NAME, elapsedMillis(started), text.length(), truncated);
        return new Refinement(prompt, MODEL_NAME, usage);
    }

    /** Unifies line endings to LF, drops a byte order mark and control characters, and trims blank edges. */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = CONTROL.matcher(text).replaceAll("");

        // Leading blank lines go, but the first line keeps its indentation, which matters in pasted code.
        int start = 0;
        while (start < text.length()) {
            int lineEnd = text.indexOf('\n', start);
            if (lineEnd < 0 || !text.substring(start, lineEnd).isBlank()) {
                break;
            }
            start = lineEnd + 1;
        }
        String trimmed = text.substring(start).stripTrailing();
        return trimmed.isBlank() ? "" : trimmed;
    }

    /** Cuts text to at most {@code cap} characters without splitting a surrogate pair. */
    static String cut(String text, int cap) {
        if (text.length() <= cap) {
            return text;
        }
        int end = cap;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
