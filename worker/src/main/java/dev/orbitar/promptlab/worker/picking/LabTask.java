package dev.orbitar.promptlab.worker.picking;

/**
 * A benchmark task claimed for one batch: a SyntheticTask row or a PromptSample row.
 *
 * @param id the row id in "SyntheticTask" or "PromptSample"
 * @param kind which of the two tables the row lives in
 * @param category coding, writing, planning, research, creative, communication or general
 * @param text the rough request (SyntheticTask.inputText or PromptSample.rawText)
 * @param templateSlug the sample's production template slug, or null (always null for synthetic tasks)
 * @param templateVersion the sample's production template version, or null
 */
public record LabTask(
        String id,
        TaskKind kind,
        String category,
        String text,
        String templateSlug,
        String templateVersion) {
}
