package dev.orbitar.promptlab.worker;

import dev.orbitar.promptlab.worker.cli.PromptLabCommand;
import java.util.Arrays;
import java.util.Set;

/** Entry point of prompt-lab-worker.jar. */
public final class Main {

    /** Commands that print their result on standard output, so their logs go to standard error. */
    private static final Set<String> RESULT_COMMANDS = Set.of("score", "report", "import");

    private Main() {
    }

    public static void main(String[] args) {
        String[] effective = withDefaultCommand(args);
        if (effective.length > 0 && RESULT_COMMANDS.contains(effective[0])) {
            // Must run before the first logger is created: Logback reads it once at start.
            System.setProperty("promptlab.log.target", "System.err");
        }
        System.exit(PromptLabCommand.execute(effective, System.getenv()));
    }

    /**
     * Returns the arguments with {@code run-batch} in front when no subcommand is given, so that the image's bare
     * entry point and {@code java -jar prompt-lab-worker.jar --batch-limit 5} both run a batch.
     */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0) {
            return new String[] {"run-batch"};
        }
        String first = args[0];
        boolean topLevelOption = first.equals("--help") || first.equals("-h") || first.equals("--version")
                || first.equals("-V");
        if (first.startsWith("-") && !topLevelOption) {
            String[] withCommand = new String[args.length + 1];
            withCommand[0] = "run-batch";
            System.arraycopy(args, 0, withCommand, 1, args.length);
            return withCommand;
        }
        return Arrays.copyOf(args, args.length);
    }
}
