package dev.orbitar.promptlab.worker.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The instructions of a Dockerfile, with comments dropped and continuation lines joined, for tests. */
record Dockerfile(List<Instruction> instructions) {

    /** One instruction: the keyword in upper case and the rest of the line. */
    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile read(Path path) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(path)) {
            String trimmed = line.strip();
            if (pending.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String full = pending.toString().strip();
            pending.setLength(0);

            int space = full.indexOf(' ');
            instructions.add(new Instruction(full.substring(0, space).toUpperCase(Locale.ROOT),
                    full.substring(space + 1).strip()));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    /** Returns the instructions of the last stage, the one that becomes the image. */
    List<Instruction> finalStage() {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }

    /** Returns the arguments of every instruction with {@code keyword} in the final stage. */
    List<String> finalStage(String keyword) {
        return finalStage().stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** Returns the arguments of every instruction with {@code keyword} in any stage. */
    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }
}
