package io.huitong.audit.internal;

import io.huitong.audit.MovedMoney;
import io.huitong.audit.domain.Chain;
import io.huitong.audit.domain.HashAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an entry of moved money keeps: the transfers' ids in order, the references they carry (a payment's id,
 * for one) and the digest of what they moved, as {@code <algorithm>:<hex>}.
 */
record MoneyDetail(List<String> transfers, List<String> references, String digest) {

    static MoneyDetail of(HashAlgorithm algorithm, List<MovedMoney> moved) {
        LinkedHashSet<String> references = new LinkedHashSet<>();
        moved.forEach(t -> {
            if (t.reference() != null && !t.reference().isBlank()) {
                references.add(t.reference());
            }
        });
        return new MoneyDetail(moved.stream().map(MovedMoney::id).toList(), List.copyOf(references),
                algorithm.wireName() + ":" + Chain.digest(algorithm, moved));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("transfers", transfers);
        map.put("references", references);
        map.put("digest", digest);
        return map;
    }

    /** The detail of a money entry; null when it is not one (an altered entry is caught by its hash). */
    static MoneyDetail parse(JsonMapper json, String detail) {
        try {
            JsonNode node = json.readTree(detail);
            if (!node.path("transfers").isArray() || !node.path("digest").isString()) {
                return null;
            }
            List<String> ids = new ArrayList<>();
            node.path("transfers").forEach(n -> ids.add(n.asString()));
            List<String> refs = new ArrayList<>();
            node.path("references").forEach(n -> refs.add(n.asString()));
            return new MoneyDetail(ids, refs, node.path("digest").asString());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** What is wrong with the ledger's transfers against this detail; null when they are as recorded. */
    String problem(Map<String, MovedMoney> ledger) {
        int colon = digest.indexOf(':');
        HashAlgorithm algorithm = colon < 0 ? null : HashAlgorithm.fromWire(digest.substring(0, colon)).orElse(null);
        if (algorithm == null) {
            return "the digest of its ledger transfers names no known algorithm";
        }
        List<MovedMoney> moved = new ArrayList<>(transfers.size());
        for (String id : transfers) {
            MovedMoney t = ledger.get(id);
            if (t == null) {
                return "ledger transfer " + id + " is missing";
            }
            moved.add(t);
        }
        if (!digest.substring(colon + 1).equals(Chain.digest(algorithm, moved))) {
            return "a ledger transfer it records was altered";
        }
        return null;
    }
}
