package io.huitong;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules use each other only through their public API packages, and without cycles. */
class ModuleStructureTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(HuitongApplication.class).verify();
    }
}
