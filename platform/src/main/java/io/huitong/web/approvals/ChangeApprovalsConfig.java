package io.huitong.web.approvals;

import io.huitong.approvals.Approvals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ChangeApprovalsConfig {

    @Bean
    ChangeApprovals changeApprovals(Approvals approvals, JsonMapper json, io.huitong.vault.Vault vault) {
        return new ChangeApprovals(approvals, json, vault);
    }
}
