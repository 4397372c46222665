package dev.orbitar.promptlab.worker.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for the SIGTERM tests: runs a fake batch under a shutdown coordinator and prints each step.
 * Arguments: {@code finishes} (the batch records its work when asked to stop), {@code stuck} (it never finishes)
 * or {@code quick} (it finishes at once and the program exits by itself); then the grace period in milliseconds.
 */
public final class ShutdownProbe {

    private ShutdownProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ofMillis(Long.parseLong(args[1])));
        coordinator.install();
        coordinator.onCutShort(() -> print("cut short: unfinished runs marked, leases released"));

        CountDownLatch stopRequested = new CountDownLatch(1);
        try (ShutdownCoordinator.BatchGuard guard = coordinator.guard(reason -> {
            print("stop requested: " + reason);
            stopRequested.countDown();
        })) {
            print("batch started");
            if (mode.equals("finishes")) {
                stopRequested.await();
                print("batch recorded");
            } else if (mode.equals("stuck")) {
                new CountDownLatch(1).await();
            }
        }

        print("exiting");
        coordinator.exit(coordinator.stopRequested() ? 3 : 0);
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
