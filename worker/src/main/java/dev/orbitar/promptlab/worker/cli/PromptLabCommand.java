package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.store.DatabaseUnavailableException;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.store.Migrations.MigrationException;
import dev.orbitar.promptlab.worker.templates.InvalidTemplateException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: prints help and version, and contains the subcommands. */
@Command(
        name = "prompt-lab-worker",
        mixinStandardHelpOptions = true,
        versionProvider = WorkerVersion.class,
        description = {
            "Runs prompt template versions over a benchmark of tasks, scores every refinement, and stores runs and "
                    + "scores in PostgreSQL. With no command, runs one batch (run-batch)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the batch ran (failed tasks are recorded as error runs)",
            "1:the batch could not run or was cut short (database unreachable, limit above LAB_MAX_SAFE, provider"
                    + " rejected the key or credit, fatal error)",
            "2:invalid configuration (a setting, flag or argument was rejected)",
            "143:stopped by SIGTERM"
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
        try (Subcommands subcommands = new Subcommands(env)) {
            return create(subcommands).execute(args);
        }
    }

    /** Returns the names of the subcommands, as the image's entry point and the operator call them. */
    public static Set<String> subcommandNames() {
        try (Subcommands subcommands = new Subcommands(Map.of())) {
            return Set.copyOf(create(subcommands).getSubcommands().keySet());
        }
    }

    private static CommandLine create(Subcommands subcommands) {
        CommandLine commandLine = new CommandLine(new PromptLabCommand());
        subcommands.addTo(commandLine);
        commandLine.setExitCodeExceptionMapper(PromptLabCommand::exitCodeOf);
        commandLine.setParameterExceptionHandler(PromptLabCommand::onInvalidArguments);
        commandLine.setExecutionExceptionHandler(PromptLabCommand::onExecutionFailure);
        return commandLine;
    }

    private static int exitCodeOf(Throwable error) {
        return isConfigurationError(error) ? ExitCodes.INVALID_CONFIGURATION : ExitCodes.FAILED;
    }

    private static boolean isConfigurationError(Throwable error) {
        return error instanceof InvalidSettingException || error instanceof InvalidTemplateException;
    }

    private static int onInvalidArguments(CommandLine.ParameterException error, String[] args) {
        PrintWriter err = error.getCommandLine().getErr();
        err.println(error.getMessage() + ". Try '" + error.getCommandLine().getCommandSpec().qualifiedName()
                + " --help'.");
        return ExitCodes.INVALID_CONFIGURATION;
    }

    private static int onExecutionFailure(Exception error, CommandLine commandLine,
            CommandLine.ParseResult parseResult) {
        if (isConfigurationError(error)) {
            // One line, no stack trace: the message names the setting, the value and what is accepted.
            commandLine.getErr().println(error.getMessage());
            return ExitCodes.INVALID_CONFIGURATION;
        }
        if (error instanceof DatabaseUnavailableException || error instanceof MigrationException) {
            // The message names what to check; a stack trace would only bury it.
            log.error("{} failed: {}", commandLine.getCommandName(), error.getMessage());
            return ExitCodes.FAILED;
        }
        log.error("{} failed: {}", commandLine.getCommandName(), error.getMessage(), error);
        return ExitCodes.FAILED;
    }
}
