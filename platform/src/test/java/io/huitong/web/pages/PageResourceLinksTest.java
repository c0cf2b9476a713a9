package io.huitong.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PageResourceLinksTest {

    @Test
    void theApiAndTheActuatorPassByThePagesLinkFilter() {
        assertThat(PageResourceLinks.rendersNoLinks(new MockHttpServletRequest("POST", "/v1/payments"))).isTrue();
        assertThat(PageResourceLinks.rendersNoLinks(new MockHttpServletRequest("GET", "/actuator/prometheus"))).isTrue();
    }

    @Test
    void pagesAndEverythingElseGoThroughIt() {
        for (String path : new String[] {"/console/login", "/wallet", "/checkout/cs_1", "/merchant", "/", "/error", "/v1", "/v10/x"}) {
            assertThat(PageResourceLinks.rendersNoLinks(new MockHttpServletRequest("GET", path))).as(path).isFalse();
        }
    }
}
