package io.huitong.risk.model.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the generated traffic's addresses and cards come from, as the tables the risk engine reads
 * ({@code huitong.risk.ip-countries}, {@code huitong.risk.card-countries}), so that a replay of the traffic through
 * the platform sees the countries the generator meant: homes on {@code 58.0.0.0/8}, offices on {@code 61.0.0.0/8},
 * mobile carriers on {@code 100.64.0.0/10} (all in China), hotel Wi-Fi abroad on {@code 203.<100 + n>.0.0/16}, and
 * proxies and VPN exits on {@code 185.<n>.0.0/16}, one block a city. Cards issued in China start with {@code 62}, those
 * issued abroad with {@code 457<n>}, one prefix a country.
 */
public final class AddressPlan {

    private static final List<String> CARD_COUNTRIES_ABROAD = List.of("HK", "SG", "JP", "TH", "KR", "MY", "GB", "US");

    private AddressPlan() {
    }

    /** The IP ranges of the generated traffic and their countries. */
    public static Map<String, String> ipCountries() {
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("58.0.0.0/8", "CN");
        plan.put("61.0.0.0/8", "CN");
        plan.put("100.64.0.0/10", "CN");
        for (int i = 0; i < Place.TRAVEL.size(); i++) {
            plan.put("203." + (100 + i) + ".0.0/16", Place.TRAVEL.get(i).country());
        }
        for (Place p : java.util.stream.Stream.concat(Place.PROXY.stream(), Place.DOMESTIC.stream()).toList()) {
            String range = "185." + proxyBlock(p) + ".0.0/16";
            String earlier = plan.putIfAbsent(range, p.country());
            if (earlier != null && !earlier.equals(p.country())) {
                throw new IllegalStateException("two proxy countries share " + range);
            }
        }
        return plan;
    }

    /** The first digits of a card issued in this country. */
    public static String cardPrefix(String country) {
        if ("CN".equals(country)) {
            return "62";
        }
        int i = CARD_COUNTRIES_ABROAD.indexOf(country);
        if (i < 0) {
            throw new IllegalArgumentException("no card prefix for " + country);
        }
        return "457" + i;
    }

    /** Card prefixes and their countries. */
    public static Map<String, String> cardCountries() {
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("62", "CN");
        CARD_COUNTRIES_ABROAD.forEach(c -> plan.put(cardPrefix(c), c));
        return plan;
    }

    /** The second byte of a proxy city's addresses. */
    static int proxyBlock(Place place) {
        return Math.abs(place.name().hashCode()) % 200;
    }
}
