package io.huitong;

import io.huitong.audit.AuditCommand;
import io.huitong.config.DatabasePreflight;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

// No user store: every caller authenticates with a bearer key (io.huitong.identity), and without this
// exclusion Spring Boot would create a default user and log its generated password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableScheduling
public class HuitongApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "audit".equals(args[0])) {
            // java -jar huitong.jar audit verify --db ...: checks the audit chain offline, without starting the platform
            System.exit(AuditCommand.run(args, System.getenv(), System.out, System.err));
        }
        DatabasePreflight.checkOrExit(System.getenv(), args);
        SpringApplication.run(HuitongApplication.class, args);
    }
}
