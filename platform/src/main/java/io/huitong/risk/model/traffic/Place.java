package io.huitong.risk.model.traffic;

import java.util.List;

/** A city agents live in, travel to, or that fraudsters' proxies exit from; weight: its share of customers. */
record Place(String name, String country, double latitude, double longitude, double weight) {

    static final List<Place> DOMESTIC = List.of(
            new Place("Shanghai", "CN", 31.23, 121.47, 25), new Place("Beijing", "CN", 39.90, 116.40, 22),
            new Place("Shenzhen", "CN", 22.54, 114.06, 18), new Place("Guangzhou", "CN", 23.13, 113.26, 18),
            new Place("Chengdu", "CN", 30.57, 104.07, 16), new Place("Chongqing", "CN", 29.56, 106.55, 16),
            new Place("Hangzhou", "CN", 30.27, 120.15, 12), new Place("Wuhan", "CN", 30.59, 114.31, 12),
            new Place("Xi'an", "CN", 34.34, 108.94, 10), new Place("Tianjin", "CN", 39.34, 117.36, 10),
            new Place("Nanjing", "CN", 32.06, 118.80, 9), new Place("Suzhou", "CN", 31.30, 120.58, 9),
            new Place("Kunming", "CN", 25.04, 102.71, 6), new Place("Harbin", "CN", 45.80, 126.53, 6),
            new Place("Urumqi", "CN", 43.83, 87.62, 3));

    /** Where customers travel abroad. */
    static final List<Place> TRAVEL = List.of(
            new Place("Hong Kong", "HK", 22.32, 114.17, 30), new Place("Singapore", "SG", 1.35, 103.82, 15),
            new Place("Tokyo", "JP", 35.68, 139.69, 15), new Place("Bangkok", "TH", 13.76, 100.50, 15),
            new Place("Seoul", "KR", 37.57, 126.98, 10), new Place("Kuala Lumpur", "MY", 3.14, 101.69, 6),
            new Place("London", "GB", 51.51, -0.13, 5), new Place("Los Angeles", "US", 34.05, -118.24, 4));

    /** Where fraudsters' proxies and VPNs exit abroad. */
    static final List<Place> PROXY = List.of(
            new Place("Lagos", "NG", 6.52, 3.38, 10), new Place("Sao Paulo", "BR", -23.55, -46.63, 10),
            new Place("Moscow", "RU", 55.76, 37.62, 10), new Place("Manila", "PH", 14.60, 120.98, 15),
            new Place("Amsterdam", "NL", 52.37, 4.90, 10), new Place("Frankfurt", "DE", 50.11, 8.68, 10),
            new Place("Los Angeles", "US", 34.05, -118.24, 10), new Place("Hong Kong", "HK", 22.32, 114.17, 15),
            new Place("Singapore", "SG", 1.35, 103.82, 10));

    /** Great-circle distance in km. */
    static double km(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1), p2 = Math.toRadians(lat2);
        double dp = p2 - p1, dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6371.0 * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
