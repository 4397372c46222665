package dev.orbitar.promptlab.worker.picking;

/** The two kinds of benchmark task, with the value stored in LabRun.taskType. */
public enum TaskKind {
    SYNTHETIC("synthetic"),
    SAMPLE("sample");

    private final String wireValue;

    TaskKind(String wireValue) {
        this.wireValue = wireValue;
    }

    /** Returns the value the application reads from LabRun.taskType. */
    public String wireValue() {
        return wireValue;
    }
}
