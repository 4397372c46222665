package dev.orbitar.promptlab.worker.refining;

/**
 * Material the user pasted into a request (code, a quoted block, an e-mail after "here is the email:"), which the
 * refined prompt presents as input to work on, never as instructions to follow.
 *
 * @param kind a short label for the prompt, e.g. {@code code} or {@code pasted email}
 * @param text the material exactly as pasted, including its own fence lines when it came fenced
 * @param fenced true when {@code text} already starts with a Markdown code fence line
 */
record ReferenceBlock(String kind, String text, boolean fenced) {
}
