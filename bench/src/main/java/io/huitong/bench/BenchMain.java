package io.huitong.bench;

import io.huitong.bench.BenchConfig.UsageException;
import java.util.function.IntSupplier;

/** The end of a benchmark's {@code main}: its exit status from how the run went, and the usage when asked or misused. */
final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs {@code run} and exits with its status: 0 and the usage for {@code --help}, 64 and the usage for a bad option
     * (named after {@code script}), 2 for a {@link Refused} run, 1 for any other failure.
     */
    static void exit(String script, String benchmark, String usage, IntSupplier run) {
        int status;
        try {
            status = run.getAsInt();
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(script + ": " + e.getMessage());
            }
            System.err.print(usage);
            status = e.getMessage() == null ? 0 : 64;
        } catch (Refused e) {
            System.err.println(benchmark + " benchmark: " + e.getMessage());
            status = 2;
        } catch (RuntimeException e) {
            System.err.println(benchmark + " benchmark failed: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** The benchmark found its own setup wrong and measured nothing: exit status 2. */
    abstract static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
