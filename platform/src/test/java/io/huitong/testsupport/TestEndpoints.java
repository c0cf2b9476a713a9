package io.huitong.testsupport;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that exist only in tests, to exercise the infrastructure: an echo that counts how often it
 * ran, a slow one that waits for the test, a failing one, one that finds no database, a list and a who-am-i.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestEndpoints.Controller.class)
public class TestEndpoints {

    public static final String MERCHANT_KEY = "sk_test_merchant_for_tests_only";
    public static final String MERCHANT_ID = "mer_test";

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    /** A stand-in for merchant secret keys, until identity has them: exercises the extension point. */
    @Bean
    BearerAuthenticator testMerchantKeys() {
        return credential -> MERCHANT_KEY.equals(credential)
                ? Optional.of(new ApiPrincipal(ApiPrincipal.Kind.MERCHANT, MERCHANT_ID))
                : Optional.empty();
    }

    /** A key whose lookup finds no database, as an API key's lookup does during a switch-over: the filter throws. */
    public static final String DATABASE_GONE_KEY = "sk_test_lookup_finds_no_database";

    @Bean
    BearerAuthenticator databaseGoneKeys() {
        return credential -> {
            if (DATABASE_GONE_KEY.equals(credential)) {
                throw new org.springframework.transaction.CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));
            }
            return Optional.empty();
        };
    }

    @Bean
    Calls calls() {
        return new Calls();
    }

    @Bean
    Gate gate() {
        return new Gate();
    }

    /** How often each named request reached its handler. */
    public static final class Calls {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        int record(String name) {
            return counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }

        public int count(String name) {
            AtomicInteger count = counts.get(name);
            return count == null ? 0 : count.get();
        }
    }

    /** Holds the slow endpoint until the test opens it. */
    public static final class Gate {
        private volatile CountDownLatch entered = new CountDownLatch(1);
        private volatile CountDownLatch open = new CountDownLatch(1);

        public void arm() {
            entered = new CountDownLatch(1);
            open = new CountDownLatch(1);
        }

        public boolean awaitEntered() throws InterruptedException {
            return entered.await(10, TimeUnit.SECONDS);
        }

        public void open() {
            open.countDown();
        }

        void pass() throws InterruptedException {
            entered.countDown();
            if (!open.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
    }

    public record EchoRequest(String name, Long amount, Map<String, String> metadata) {
    }

    public record Echo(String object, String name, Long amount, int call, String caller) {
    }

    public record Item(String id, boolean livemode, String createdAt) {
    }

    @RestController
    static class Controller {

        private final Calls calls;
        private final Gate gate;
        private final Clock clock;

        Controller(Calls calls, Gate gate, Clock clock) {
            this.calls = calls;
            this.gate = gate;
            this.clock = clock;
        }

        @PostMapping("/v1/admin/test/echo")
        ResponseEntity<Echo> echo(@RequestBody EchoRequest request, ApiPrincipal caller) {
            int call = calls.record(request.name());
            return ResponseEntity.created(URI.create("/v1/admin/test/echo/" + request.name() + "/" + call))
                    .body(new Echo("echo", request.name(), request.amount(), call, caller.scope()));
        }

        @PostMapping("/v1/admin/test/slow")
        Echo slow(@RequestBody EchoRequest request, ApiPrincipal caller) throws InterruptedException {
            int call = calls.record(request.name());
            gate.pass();
            return new Echo("echo", request.name(), request.amount(), call, caller.scope());
        }

        @PostMapping("/v1/admin/test/fail")
        Echo fail(@RequestBody EchoRequest request) {
            calls.record(request.name());
            // must never reach the caller: it stands for an internal detail
            throw new IllegalStateException("boom: internal detail sk_test_secret at " + clock.instant());
        }

        @PostMapping("/v1/admin/test/database-gone")
        Echo databaseGone(@RequestBody EchoRequest request) {
            calls.record(request.name());
            // what the pool throws when no connection to a primary could be had in time (a switch-over, an outage)
            throw new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"
                            + " after 10000ms (total=0, active=0, idle=0, waiting=0) at 127.0.0.1:5432", "08001"));
        }

        @GetMapping("/v1/admin/test/typed")
        Map<String, Integer> typed(@RequestParam int count) {
            return Map.of("count", count);
        }

        @GetMapping("/v1/admin/test/items")
        Page<Item> items(PageRequest page) {
            List<Item> items = IntStream.range(0, page.limit())
                    .mapToObj(i -> new Item("itm_" + i, false, clock.instant().toString()))
                    .toList();
            return new Page<>(items, page.startingAfter() == null);
        }

        @GetMapping("/v1/test/whoami")
        ApiPrincipal whoami(ApiPrincipal caller) {
            return caller;
        }
    }
}
