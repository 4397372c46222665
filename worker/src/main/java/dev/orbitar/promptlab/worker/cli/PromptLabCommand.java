package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.io.PrintWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: prints help and version, and holds the subcommands. */
@Command(
        name = "prompt-lab-worker",
        mixinStandardHelpOptions = true,
        versionProvider = WorkerVersion.class,
        description = {
            "Runs prompt template versions over a benchmark of tasks, scores every refinement, and stores runs and",
            "scores in PostgreSQL. With no command, runs one batch (run-batch)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the batch ran (failed tasks are recorded as error runs)",
            "1:the batch could not run (database unreachable, limit above LAB_MAX_SAFE, fatal error)",
            "2:invalid configuration (a setting, flag or argument was rejected)"
        })
public final class PromptLabCommand implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PromptLabCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Parses and runs the arguments with the given environment and returns the process exit code. */
    public static int execute(String[] args, Map<String, String> env) {
        CommandLine commandLine = build(env);
        return commandLine.execute(args);
    }

    /** Builds the command tree; tests call it to run commands in-process. */
    public static CommandLine build(Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new PromptLabCommand());
        for (Object subcommand : Subcommands.create(env)) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setExitCodeExceptionMapper(PromptLabCommand::exitCodeOf);
        commandLine.setParameterExceptionHandler(PromptLabCommand::onInvalidArguments);
        commandLine.setExecutionExceptionHandler(PromptLabCommand::onExecutionFailure);
        return commandLine;
    }

    private static int exitCodeOf(Throwable error) {
        return error instanceof InvalidSettingException ? ExitCodes.INVALID_CONFIGURATION : ExitCodes.FAILED;
    }

    private static int onInvalidArguments(CommandLine.ParameterException error, String[] args) {
        PrintWriter err = error.getCommandLine().getErr();
        err.println(error.getMessage() + ". Try '" + error.getCommandLine().getCommandSpec().qualifiedName()
                + " --help'.");
        return ExitCodes.INVALID_CONFIGURATION;
    }

    private static int onExecutionFailure(Exception error, CommandLine commandLine,
            CommandLine.ParseResult parseResult) {
        if (error instanceof InvalidSettingException) {
            // One line, no stack trace: the message names the setting, the value and what is accepted.
            commandLine.getErr().println(error.getMessage());
            return ExitCodes.INVALID_CONFIGURATION;
        }
        log.error("{} failed: {}", commandLine.getCommandName(), error.getMessage(), error);
        return ExitCodes.FAILED;
    }
}
