package io.huitong.audit;

import io.huitong.audit.internal.OfflineAudit;
import java.io.PrintStream;
import java.util.Map;

/** {@code java -jar huitong.jar audit verify --db ...}: the audit chain checked offline, without starting the platform. */
public final class AuditCommand {

    private AuditCommand() {
    }

    /** Runs the command and answers the process's exit code: 0 the chain holds, 1 it is broken, 2 the command could not run. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return OfflineAudit.run(args, env, out, err);
    }
}
