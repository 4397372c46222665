package dev.orbitar.promptlab.worker.cli;

import java.util.List;
import java.util.Map;

/** Creates the worker's subcommands with the process environment they read their settings from. */
final class Subcommands {

    private Subcommands() {
    }

    static List<Object> create(Map<String, String> env) {
        return List.of();
    }
}
