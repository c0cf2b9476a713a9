package io.huitong.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The payments core stays readable: its pieces never call back into the piece that called them (the classes of
 * {@code payments.internal} form no cycle, the wiring aside), and no class of the module outgrows one screen.
 */
class PaymentsCoreStructureTest {

    private static final String CORE = "io.huitong.payments.internal";
    private static final int MAX_LINES = 300;

    @Test
    void noPieceOfTheCoreCallsBackIntoItsCaller() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CORE);
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = topLevel(c);
            if (from.endsWith(".PaymentsConfig")) {
                continue;
            }
            Set<String> targets = uses.computeIfAbsent(from, k -> new HashSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topLevel(d.getTargetClass());
                if (to.startsWith(CORE + ".") && !to.equals(from) && !to.endsWith(".PaymentsConfig")) {
                    targets.add(to);
                }
            }
        }
        assertThat(uses.get(CORE + ".CardFlow")).as("the graph is read").contains(CORE + ".Transitions");
        assertThat(cycle(uses)).as("a cycle among the payments core's classes").isEmpty();
    }

    @Test
    void noClassOfThePaymentsModuleOutgrowsOneScreen() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/huitong/payments"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines = Files.lines(file).count();
                if (lines > MAX_LINES) {
                    tooLong.put(file.getFileName().toString(), lines);
                }
            }
        }
        assertThat(tooLong).as("classes of the payments module over " + MAX_LINES + " lines").isEmpty();
    }

    private static String topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getName();
    }

    /** A cycle in the graph, as the list of its classes; empty when there is none. */
    private static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            return new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.removeLast();
        state.put(node, 2);
        return List.of();
    }
}
