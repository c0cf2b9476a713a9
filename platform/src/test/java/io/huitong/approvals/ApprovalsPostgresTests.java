package io.huitong.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ApprovalsPostgresTests extends ApprovalsTests {

    static final TestDatabase DB = TestDatabase.postgres();
    private static final int THREADS = 8;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    /** What one decision attempt came to: the approval it answered, or the code it was refused with. */
    private record Attempt(boolean approve, Approval decided, String refusal) {
    }

    @Test
    void concurrentApprovalsAndRejectionsOfOneApprovalDecideItExactlyOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            Approval a = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
            List<Attempt> attempts = race(a, i -> i % 2 == 0);

            List<Attempt> decided = attempts.stream().filter(t -> t.decided() != null).toList();
            assertThat(decided).as("round " + round + ": " + attempts).hasSize(1);
            assertThat(attempts.stream().filter(t -> t.refusal() != null).map(Attempt::refusal))
                    .hasSize(THREADS - 1).containsOnly("approval_unexpected_state");
            Attempt winner = decided.getFirst();
            String expected = winner.approve() ? Approval.APPROVED : Approval.REJECTED;
            Approval stored = approvals.find(a.id()).orElseThrow();
            assertThat(stored).isEqualTo(winner.decided());
            assertThat(stored.status()).isEqualTo(expected);
            assertThat(stored.approvals().size() + (stored.rejection() == null ? 0 : 1)).isEqualTo(1);
            assertThat(handler.calls(a.id())).singleElement()
                    .satisfies(call -> assertThat(call.kind()).isEqualTo(expected));
        }
    }

    @Test
    void concurrentApprovalsOfAnApprovalNeedingTwoCountExactlyTwo() throws Exception {
        for (int round = 0; round < 5; round++) {
            Approval a = request(operator(OperatorRole.FINANCE), 2, OperatorRole.FINANCE);
            List<Attempt> attempts = race(a, i -> true);
            assertThat(attempts.stream().filter(t -> t.decided() != null)).as(attempts.toString()).hasSize(2);
            Approval stored = approvals.find(a.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(Approval.APPROVED);
            assertThat(stored.approvals()).hasSize(2);
            assertThat(handler.calls(a.id())).hasSize(1);
        }
    }

    /** {@value #THREADS} operators decide on the approval at once; thread i approves when {@code approves} says so, else rejects. */
    private List<Attempt> race(Approval a, IntPredicate approves) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Attempt> attempts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Attempt>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                ApiPrincipal voter = operator(OperatorRole.FINANCE);
                boolean approve = approves.test(i);
                futures.add(pool.submit(() -> attempt(start, a, voter, approve)));
            }
            start.countDown();
            for (Future<Attempt> f : futures) {
                attempts.add(f.get());
            }
        }
        return attempts;
    }

    private Attempt attempt(CountDownLatch start, Approval a, ApiPrincipal voter, boolean approve) throws InterruptedException {
        start.await();
        try {
            Approval decided = approve ? approvals.approve(a.id(), voter, null) : approvals.reject(a.id(), voter, null);
            return new Attempt(approve, decided, null);
        } catch (ApiException e) {
            return new Attempt(approve, null, e.code());
        }
    }
}
