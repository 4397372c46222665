package dev.orbitar.promptlab.worker;

/** Entry point of prompt-lab-worker.jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}
