package io.huitong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class HuitongApplication {

    public static void main(String[] args) {
        SpringApplication.run(HuitongApplication.class, args);
    }
}
