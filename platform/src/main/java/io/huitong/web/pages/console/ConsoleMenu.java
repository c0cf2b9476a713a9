package io.huitong.web.pages.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's menu: each item is a page, shown to an operator exactly when that page's rule lets them open it (the same rule
 * the server enforces, {@link ConsoleAccess}), grouped by the work it is part of.
 */
final class ConsoleMenu {

    /** One entry: its message key, where it goes, and the group it belongs to. */
    record Item(String key, String href, String group) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("console.nav.home", "/console", "overview"),
            new Item("console.nav.reviews", "/console/risk/reviews", "risk"),
            new Item("console.nav.rules", "/console/risk/rules", "risk"),
            new Item("console.nav.lists", "/console/risk/lists", "risk"),
            new Item("console.nav.approvals", "/console/approvals", "control"),
            new Item("console.nav.audit", "/console/audit", "control"),
            new Item("console.nav.payouts", "/console/payouts", "money"),
            new Item("console.nav.reconciliations", "/console/reconciliations", "money"),
            new Item("console.nav.settlement", "/console/settlement-runs", "money"),
            new Item("console.nav.merchants", "/console/merchants", "business"),
            new Item("console.nav.channels", "/console/channels", "business"),
            new Item("console.nav.aml", "/console/aml", "business"),
            new Item("console.nav.alerts", "/console/aml/alerts", "business"),
            new Item("console.nav.consumers", "/console/consumers", "business"),
            new Item("console.nav.system", "/console/system", "business"));

    private ConsoleMenu() {
    }

    /** The items this operator may open, of the pages that exist. */
    static List<Item> visible(ConsoleAccess access, Staff staff) {
        List<Item> items = new ArrayList<>();
        if (staff == null) {
            return items;
        }
        for (Item item : ITEMS) {
            ConsoleAccess.Rule rule = access.routes().get("GET " + item.href());
            if (rule != null && rule.allows(staff)) {
                items.add(item);
            }
        }
        return items;
    }
}
