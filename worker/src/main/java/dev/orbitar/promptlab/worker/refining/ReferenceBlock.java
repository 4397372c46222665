package dev.orbitar.promptlab.worker.refining;

/**
 * Material the user pasted into a request (code, a quoted block, an e-mail after "here is the email:"), which the
 * refined prompt presents as input to work on, never as instructions to follow. A fenced block introduced by "Use
 * this format:" is the exception: it is presented as the shape of the answer.
 *
 * @param kind a short label for the prompt, e.g. {@code code} or {@code pasted email}
 * @param text the material exactly as pasted, including its own fence lines when it came fenced
 * @param fenced true when {@code text} already starts with a Markdown code fence line
 */
record ReferenceBlock(String kind, String text, boolean fenced) {

    /** The kind of a fenced block introduced as the answer's format ("Use this format:"), not as material. */
    static final String FORMAT_EXAMPLE = "format example";

    /** Returns true for material to work on, false for an example of the answer's format. */
    boolean isMaterial() {
        return !kind.equals(FORMAT_EXAMPLE);
    }
}
