package dev.orbitar.promptlab.operator.render;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.validation.SpecValidator;
import dev.orbitar.promptlab.operator.validation.ValidationResult;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code render --target cloud-run|kubernetes -f SCHEDULE.yaml}: prints what a PromptLabSchedule becomes without
 * the operator. The schedule is validated as in the cluster and rejected with the same messages.
 */
public final class RenderCommand {

  static final String USAGE = "usage: prompt-lab-operator render --target cloud-run|kubernetes -f SCHEDULE.yaml";

  /** Exit code of a schedule that fails validation or cannot be read. */
  static final int INVALID = 1;
  /** Exit code of wrong command-line arguments. */
  static final int USAGE_ERROR = 2;

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public RenderCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** Runs the command with the arguments after {@code render} and returns the process exit code. */
  public int run(String... args) {
    String target = null;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      boolean hasValue = i + 1 < args.length;
      if (option.equals("--target") && hasValue) {
        target = args[++i];
      } else if ((option.equals("-f") || option.equals("--file")) && hasValue) {
        file = args[++i];
      } else {
        return usage("unknown or incomplete option \"" + option + "\"");
      }
    }
    if (target == null || file == null) {
      return usage("--target and -f are both required");
    }
    if (!target.equals("cloud-run") && !target.equals("kubernetes")) {
      return usage("--target \"" + target + "\" is not a render target: use cloud-run or kubernetes");
    }

    PromptLabSchedule schedule;
    try {
      schedule = read(Path.of(file));
    } catch (NoSuchFileException e) {
      return fail(file + " does not exist: pass the path of a PromptLabSchedule YAML file");
    } catch (IOException | RuntimeException e) {
      return fail(file + " is not a PromptLabSchedule YAML file (" + e.getMessage() + ")");
    }
    if (schedule.getMetadata() == null || schedule.getMetadata().getName() == null) {
      return fail(file + " has no metadata.name: name the schedule, as kubectl apply would require");
    }

    ValidationResult validation = new SpecValidator(clock).validate(schedule);
    if (validation instanceof ValidationResult.Invalid invalid) {
      return fail(invalid.message());
    }
    ValidationResult.Valid valid = (ValidationResult.Valid) validation;

    try {
      out.print(target.equals("cloud-run") ? CloudRunRenderer.render(schedule, valid.schedule())
          : KubernetesRenderer.render(schedule));
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    }
    out.flush();
    return 0;
  }

  private static PromptLabSchedule read(Path file) throws IOException {
    try (InputStream yaml = Files.newInputStream(file)) {
      PromptLabSchedule schedule = new KubernetesSerialization().unmarshal(yaml, PromptLabSchedule.class);
      if (schedule == null) {
        throw new IOException("the file is empty");
      }
      return schedule;
    }
  }

  private int usage(String problem) {
    err.println("prompt-lab-operator render: " + problem);
    err.println(USAGE);
    return USAGE_ERROR;
  }

  private int fail(String message) {
    err.println("prompt-lab-operator render: " + message);
    return INVALID;
  }
}
