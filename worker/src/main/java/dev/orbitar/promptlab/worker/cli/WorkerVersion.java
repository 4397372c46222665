package dev.orbitar.promptlab.worker.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so --version matches the build. */
final class WorkerVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = WorkerVersion.class.getPackage().getImplementationVersion();
        return new String[] {"prompt-lab-worker " + (version == null ? "(development build)" : version)};
    }
}
