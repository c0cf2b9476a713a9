package io.huitong.risk.model.traffic;

import io.huitong.risk.model.Features;
import io.huitong.risk.model.traffic.TrafficEvent.PayerKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Synthetic payment traffic with planted fraud, agent-based in the manner of PaySim: customers with homes,
 * habits and devices pay merchants and each other; fraudsters take over accounts and drain them to mules, bots
 * test stolen cards, mules pass the money on. Deterministic: the same {@link Settings} give the same stream.
 * See the package documentation for the agents, the patterns and their rates.
 */
public final class TrafficGenerator {

    /**
     * @param seed              everything random follows from it
     * @param customers         customers at the start (more join during the stream)
     * @param merchants         merchants
     * @param start             the first day (Asia/Shanghai)
     * @param days              how many days
     * @param takeoversPerDay   account takeovers a day (mean of a Poisson law)
     * @param cardTestingPerDay card-testing campaigns a day
     * @param muleChainsPerDay  mule cash-outs of money from outside the stream (scams) a day, besides those the
     *                          takeovers feed
     * @param launderingPerDay  money-laundering rings a day (fan-in and out, round amounts, structuring); they draw
     *                          from a random of their own, so turning them on leaves the rest of the stream as it was
     */
    public record Settings(long seed, int customers, int merchants, LocalDate start, int days, double takeoversPerDay,
                           double cardTestingPerDay, double muleChainsPerDay, double launderingPerDay) {

        /** The training set's settings: 5,000 customers, 600 merchants, 35 days from Monday 5 January 2026, no laundering. */
        public static Settings defaults(long seed) {
            return new Settings(seed, 5_000, 600, LocalDate.of(2026, 1, 5), 35, 3.0, 0.8, 3.0, 0);
        }

        public Settings withDays(int newDays) {
            return new Settings(seed, customers, merchants, start, newDays, takeoversPerDay, cardTestingPerDay, muleChainsPerDay,
                    launderingPerDay);
        }

        public Settings withCustomers(int newCustomers) {
            return new Settings(seed, newCustomers, merchants, start, days, takeoversPerDay, cardTestingPerDay, muleChainsPerDay,
                    launderingPerDay);
        }

        public Settings withMerchants(int newMerchants) {
            return new Settings(seed, customers, newMerchants, start, days, takeoversPerDay, cardTestingPerDay, muleChainsPerDay,
                    launderingPerDay);
        }

        public Settings withStart(LocalDate newStart) {
            return new Settings(seed, customers, merchants, newStart, days, takeoversPerDay, cardTestingPerDay, muleChainsPerDay,
                    launderingPerDay);
        }

        /** The same population with these rates of fraud and laundering a day. */
        public Settings withRates(double takeovers, double cardTesting, double muleChains, double laundering) {
            return new Settings(seed, customers, merchants, start, days, takeovers, cardTesting, muleChains, laundering);
        }
    }

    /** An event and its features as of that moment. */
    public record Sample(TrafficEvent event, Features features) {
    }

    private final Settings settings;

    public TrafficGenerator(Settings settings) {
        if (settings.days() < 1 || settings.customers() < 10 || settings.merchants() < Category.values().length) {
            throw new IllegalArgumentException("too small: " + settings);
        }
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The events in the order of their time, generated day by day as the stream is read. */
    public Stream<TrafficEvent> events() {
        Run run = new Run(settings);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(run, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The events with their {@link Features}, computed over the stream's own history ({@link StreamFeatures}). */
    public Stream<Sample> samples() {
        StreamFeatures features = new StreamFeatures();
        return events().map(e -> new Sample(e, features.next(e)));
    }

    // ------------------------------------------------------------------------------------------------------------

    enum Category {
        GROCERY(80, 0.6, false, 14), RESTAURANT(90, 0.5, false, 16), COFFEE(32, 0.3, false, 8), TRANSIT(5, 0.4, false, 4),
        CONVENIENCE(18, 0.7, false, 10), ONLINE_RETAIL(150, 0.9, true, 16), ELECTRONICS(1_500, 0.8, false, 2),
        TRAVEL(1_800, 0.7, true, 1.5), UTILITIES(200, 0.4, true, 3), DIGITAL_GOODS(30, 0.8, true, 6),
        JEWELRY(3_000, 0.7, false, 0.5), GIFT_CARDS(500, 0.5, true, 1.5), CRYPTO_EXCHANGE(5_000, 0.8, true, 0.3);

        final double medianYuan;
        final double sigma;
        final boolean online;
        final double weight; // share of merchants and of customers' random choices

        Category(double medianYuan, double sigma, boolean online, double weight) {
            this.medianYuan = medianYuan;
            this.sigma = sigma;
            this.online = online;
            this.weight = weight;
        }
    }

    record Merchant(String id, Category category, Place place, double latitude, double longitude) {
    }

    static final class Customer {
        String payer;
        PayerKind kind;
        String cardCountry;
        String country;
        Place home;
        double latitude;
        double longitude;
        double perDay;
        double peakHour;
        double hourSpread;
        double spend;              // multiplies the category's typical amount
        final List<String> devices = new ArrayList<>();
        String homeIp;
        String officeIp;           // null unless the customer works in an office with a shared address
        int[] favourites;
        boolean commuter;
        Instant since;
        int joinDay;               // the day the customer starts paying (0 for those there at the start)
        Place trip;                // where the customer is travelling, or null
        double tripLatitude;
        double tripLongitude;
        int tripUntilDay;
        boolean mule;
        String herderDevice;       // a mule's handler's device, or null
    }

    private record Pending(long order, TrafficEvent event) {
    }

    /** One pass over the days; holds the agents' state. */
    private static final class Run implements Iterator<TrafficEvent> {
        private static final Comparator<Pending> BY_TIME =
                Comparator.comparing((Pending p) -> p.event().at()).thenComparingLong(Pending::order);

        private final Settings settings;
        private SplittableRandom random;
        private final SplittableRandom launderingRandom;
        private final List<Merchant> merchants = new ArrayList<>();
        private final List<List<Merchant>> merchantsByCategory = new ArrayList<>();
        private final List<Merchant> foreignMerchants = new ArrayList<>();
        private final List<Customer> customers = new ArrayList<>();
        private final List<Customer> mules = new ArrayList<>();
        private final List<String> fraudDevices = new ArrayList<>();
        private final List<Pending> pending = new ArrayList<>();
        private List<TrafficEvent> today = List.of();
        private int todayNext;
        private int day;
        private long order;
        private long seq;
        private int campaigns;
        private int cardSerial;
        private int rings;
        private int launderingAccounts;

        Run(Settings settings) {
            this.settings = settings;
            this.random = new SplittableRandom(settings.seed());
            this.launderingRandom = new SplittableRandom(settings.seed() ^ 0x4c61756e64657279L);
            for (int i = 0; i < Category.values().length; i++) {
                merchantsByCategory.add(new ArrayList<>());
            }
            createMerchants();
            createCustomers();
            for (int i = 0; i < 60; i++) {
                fraudDevices.add(deviceId());
            }
        }

        @Override
        public boolean hasNext() {
            while (todayNext >= today.size()) {
                if (day >= settings.days()) {
                    return false;
                }
                today = generateDay(day++);
                todayNext = 0;
            }
            return true;
        }

        @Override
        public TrafficEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return today.get(todayNext++);
        }

        // -------- agents

        private void createMerchants() {
            Category[] categories = Category.values();
            for (int i = 0; i < settings.merchants(); i++) {
                // every category has at least one merchant
                Category c = i < categories.length ? categories[i] : categories[pickWeighted(categories.length, k -> categories[k].weight)];
                Place place = pickPlace(Place.DOMESTIC);
                Merchant m = new Merchant(String.format("M%05d", i), c, place, place.latitude() + jitter(0.15),
                        place.longitude() + jitter(0.15));
                merchants.add(m);
                merchantsByCategory.get(c.ordinal()).add(m);
            }
            // every city has its metro
            for (int i = 0; i < Place.DOMESTIC.size(); i++) {
                Place city = Place.DOMESTIC.get(i);
                Merchant metro = new Merchant(String.format("MT%02d", i), Category.TRANSIT, city, city.latitude(), city.longitude());
                merchants.add(metro);
                merchantsByCategory.get(Category.TRANSIT.ordinal()).add(metro);
            }
            Category[] abroad = {Category.RESTAURANT, Category.COFFEE, Category.TRANSIT, Category.CONVENIENCE, Category.ELECTRONICS,
                    Category.JEWELRY, Category.GROCERY};
            for (Place place : Place.TRAVEL) {
                for (int i = 0; i < 12; i++) {
                    foreignMerchants.add(new Merchant(String.format("MX%s%02d", place.country(), i), abroad[i % abroad.length], place,
                            place.latitude() + jitter(0.1), place.longitude() + jitter(0.1)));
                }
            }
        }

        private void createCustomers() {
            Instant start = dayStart(0).toInstant();
            int total = settings.customers();
            int joiners = total / 25; // 4 % join during the stream
            for (int i = 0; i < total + joiners; i++) {
                Customer c = newCustomer(i);
                if (i >= total) {
                    c.joinDay = 1 + random.nextInt(Math.max(1, settings.days() - 1));
                    c.since = dayStart(c.joinDay).toInstant().plusSeconds(random.nextLong(6 * 3600));
                } else {
                    c.since = start.minus(Duration.ofDays(30 + random.nextLong(5 * 365)));
                }
                customers.add(c);
            }
            // mule accounts: most opened recently for the purpose and otherwise dormant; some recruited customers
            int muleCount = Math.max(20, total / 35);
            List<String> herders = new ArrayList<>();
            for (int i = 0; i < Math.max(3, muleCount / 8); i++) {
                herders.add(deviceId());
            }
            for (int i = 0; i < muleCount; i++) {
                Customer m = newCustomer(total + joiners + i);
                m.kind = PayerKind.ACCOUNT;
                m.payer = String.format("U%07d", total + joiners + i);
                m.mule = true;
                if (random.nextDouble() < 0.7) {
                    m.perDay = 0.05;
                    m.since = start.minus(Duration.ofHours(1 + random.nextLong(24 * 40))); // opened for the purpose
                } else {
                    m.since = start.minus(Duration.ofDays(60 + random.nextLong(3 * 365)));
                }
                if (random.nextDouble() < 0.4) {
                    m.herderDevice = herders.get(random.nextInt(herders.size()));
                }
                customers.add(m);
                mules.add(m);
            }
        }

        private Customer newCustomer(int index) {
            Customer c = new Customer();
            c.kind = random.nextBoolean() ? PayerKind.ACCOUNT : PayerKind.CARD;
            c.payer = c.kind == PayerKind.ACCOUNT ? String.format("U%07d", index) : cardId();
            c.home = pickPlace(Place.DOMESTIC);
            c.latitude = c.home.latitude() + jitter(0.12);
            c.longitude = c.home.longitude() + jitter(0.12);
            c.country = "CN";
            // some residents pay with a card issued abroad (Hong Kong, Singapore)
            c.cardCountry = c.kind == PayerKind.CARD && random.nextDouble() < 0.04 ? (random.nextBoolean() ? "HK" : "SG") : "CN";
            c.perDay = Math.min(8, Math.exp(Math.log(1.1) + 0.7 * random.nextGaussian()));
            boolean nightOwl = random.nextDouble() < 0.05;
            c.peakHour = nightOwl ? 23 + random.nextDouble() * 3 : 9 + random.nextDouble() * 12;
            c.hourSpread = 1.5 + random.nextDouble() * 3;
            c.spend = Math.exp(0.5 * random.nextGaussian());
            c.devices.add(deviceId());
            if (random.nextDouble() < 0.35) {
                c.devices.add(deviceId());
            }
            c.homeIp = homeIp();
            if (random.nextDouble() < 0.15) {
                c.officeIp = officeIp(c.home, random.nextInt(5));
            }
            int favourites = 4 + random.nextInt(12);
            c.favourites = new int[favourites];
            for (int k = 0; k < favourites; k++) {
                c.favourites[k] = localMerchant(c.home);
            }
            c.commuter = random.nextDouble() < 0.2;
            return c;
        }

        // -------- a day

        private List<TrafficEvent> generateDay(int d) {
            ZonedDateTime dayStart = dayStart(d);
            for (Customer c : customers) {
                if (c.joinDay > d || (c.mule && c.perDay < 0.1)) {
                    continue;
                }
                legitDay(c, d, dayStart);
            }
            int takeovers = poisson(settings.takeoversPerDay());
            for (int i = 0; i < takeovers; i++) {
                takeover(dayStart);
            }
            int testing = poisson(settings.cardTestingPerDay());
            for (int i = 0; i < testing; i++) {
                cardTesting(dayStart);
            }
            int chains = poisson(settings.muleChainsPerDay());
            for (int i = 0; i < chains; i++) {
                Customer mule = mules.get(random.nextInt(mules.size()));
                Instant in = dayStart.toInstant().plusSeconds(random.nextLong(86_400));
                long amount = Math.round(lognormal(8_000, 0.8) * 100);
                cashOut(mule, in, amount, "MULE-" + (++campaigns), 0);
            }
            if (settings.launderingPerDay() > 0) {
                SplittableRandom main = random;
                random = launderingRandom;
                try {
                    int n = poisson(settings.launderingPerDay());
                    for (int i = 0; i < n; i++) {
                        launder(dayStart);
                    }
                } finally {
                    random = main;
                }
            }
            pending.sort(BY_TIME);
            Instant end = dayStart.plusDays(1).toInstant();
            List<TrafficEvent> out = new ArrayList<>();
            int cut = 0;
            while (cut < pending.size() && pending.get(cut).event().at().isBefore(end)) {
                out.add(pending.get(cut).event().withSeq(seq++));
                cut++;
            }
            pending.subList(0, cut).clear();
            if (d == settings.days() - 1) {
                pending.clear(); // what would fall after the last day is not generated
            }
            return out;
        }

        private void legitDay(Customer c, int d, ZonedDateTime dayStart) {
            if (c.trip != null && d > c.tripUntilDay) {
                c.trip = null;
            }
            if (c.trip == null && random.nextDouble() < 0.004) {
                c.trip = random.nextDouble() < 0.8 ? pickPlace(Place.DOMESTIC) : pickPlace(Place.TRAVEL);
                c.tripLatitude = c.trip.latitude() + jitter(0.08);
                c.tripLongitude = c.trip.longitude() + jitter(0.08);
                c.tripUntilDay = d + 1 + random.nextInt(7);
            }
            if (random.nextDouble() < 0.002) {
                c.devices.set(0, deviceId()); // a new phone
            }
            boolean weekend = dayStart.getDayOfWeek().getValue() >= 6;
            int n = poisson(c.perDay * (weekend ? 1.2 : 1.0));
            for (int i = 0; i < n; i++) {
                double hour = ((c.peakHour + c.hourSpread * random.nextGaussian()) % 24 + 24) % 24;
                Instant at = dayStart.toInstant().plusSeconds((long) (hour * 3600));
                if (at.isBefore(c.since)) {
                    continue;
                }
                legitPayment(c, at, hour);
            }
            if (c.commuter && !weekend && c.trip == null) {
                legitAt(c, dayStart.toInstant().plusSeconds(7 * 3600 + random.nextLong(2 * 3600)), merchantOf(Category.TRANSIT, c.home), 8);
                legitAt(c, dayStart.toInstant().plusSeconds(17 * 3600 + random.nextLong(2 * 3600)), merchantOf(Category.TRANSIT, c.home), 18);
            }
        }

        private void legitPayment(Customer c, Instant at, double hour) {
            if (c.kind == PayerKind.ACCOUNT && random.nextDouble() < 0.1) {
                Customer to = accountFrom(random.nextInt(customers.size()), c);
                long amount = Math.max(100, Math.round(lognormal(200, 1.0) * 100));
                add(event(c, at, to.payer, "P2P", amount, device(c), ip(c, hour), c.trip == null ? c.latitude : c.tripLatitude,
                        c.trip == null ? c.longitude : c.tripLongitude, Label.LEGIT, null));
                return;
            }
            Merchant m;
            if (c.trip != null && !"CN".equals(c.trip.country())) {
                m = random.nextDouble() < 0.8 ? foreignIn(c.trip) : onlineMerchant();
            } else if (c.trip != null) {
                m = random.nextDouble() < 0.7 ? merchants.get(localMerchant(c.trip)) : onlineMerchant();
            } else {
                double r = random.nextDouble();
                m = r < 0.65 ? merchants.get(c.favourites[random.nextInt(c.favourites.length)])
                        : r < 0.85 ? onlineMerchant() : merchants.get(localMerchant(c.home));
            }
            legitAt(c, at, m, hour);
        }

        private void legitAt(Customer c, Instant at, Merchant m, double hour) {
            long amount = Math.max(50, Math.round(lognormal(m.category().medianYuan * c.spend, m.category().sigma) * 100));
            double lat;
            double lon;
            if (m.category().online) {
                lat = c.trip == null ? c.latitude : c.tripLatitude;
                lon = c.trip == null ? c.longitude : c.tripLongitude;
            } else {
                lat = m.latitude();
                lon = m.longitude();
            }
            add(event(c, at, m.id(), m.category().name(), amount, device(c), ip(c, hour), lat, lon, Label.LEGIT, null));
        }

        /** The first wallet customer from this index on (round the list) other than {@code payer}: only they receive transfers. */
        private Customer accountFrom(int index, Customer payer) {
            for (int i = 0; i < customers.size(); i++) {
                Customer c = customers.get((index + i) % customers.size());
                if (c.kind == PayerKind.ACCOUNT && c != payer) {
                    return c;
                }
            }
            throw new IllegalStateException("no wallet customer");
        }

        private String device(Customer c) {
            if (c.devices.size() > 1 && random.nextDouble() < 0.25) {
                return c.devices.get(1);
            }
            return c.devices.getFirst();
        }

        private String[] ip(Customer c, double hour) {
            if (c.trip != null && !"CN".equals(c.trip.country())) {
                // roaming keeps a Chinese address; hotel Wi-Fi does not
                return random.nextBoolean() ? new String[] {carrierIp(c.home), "CN"}
                        : new String[] {String.format("203.%d.%d.%d", 100 + Place.TRAVEL.indexOf(c.trip), random.nextInt(256),
                        random.nextInt(256)), c.trip.country()};
            }
            if (c.officeIp != null && hour >= 9 && hour < 18 && random.nextDouble() < 0.6) {
                return new String[] {c.officeIp, "CN"};
            }
            return random.nextDouble() < 0.5 ? new String[] {c.homeIp, "CN"} : new String[] {carrierIp(c.trip == null ? c.home : c.trip), "CN"};
        }

        // -------- fraud

        /** A fraudster in a customer's account, from a new device far away, drains it in a burst to mules. */
        private void takeover(ZonedDateTime dayStart) {
            Customer victim;
            do {
                victim = customers.get(random.nextInt(customers.size()));
            } while (victim.kind != PayerKind.ACCOUNT || victim.mule || victim.joinDay > 0);
            String campaign = "ATO-" + (++campaigns);
            String device = random.nextDouble() < 0.5 ? fraudDevices.get(random.nextInt(fraudDevices.size())) : deviceId();
            double r = random.nextDouble();
            boolean subtle = r >= 0.85;
            Place from;
            String ipCountry;
            double lat;
            double lon;
            String ip;
            if (r < 0.6) { // a proxy abroad
                from = pickPlace(Place.PROXY);
                ipCountry = from.country();
                lat = from.latitude() + jitter(0.1);
                lon = from.longitude() + jitter(0.1);
                ip = proxyIp(from);
            } else if (!subtle) { // a VPN exit elsewhere in China
                do {
                    from = pickPlace(Place.DOMESTIC);
                } while (from == victim.home);
                ipCountry = "CN";
                lat = from.latitude() + jitter(0.1);
                lon = from.longitude() + jitter(0.1);
                ip = proxyIp(from);
            } else { // a residential proxy in the victim's own city: only the device and the amounts tell
                ipCountry = "CN";
                lat = victim.latitude + jitter(0.05);
                lon = victim.longitude + jitter(0.05);
                ip = carrierIp(victim.home);
            }
            double hour = random.nextDouble() < 0.55 ? random.nextDouble() * 6 : random.nextDouble() * 24;
            Instant at = dayStart.toInstant().plusSeconds((long) (hour * 3600));
            int burst = subtle ? 1 + random.nextInt(2) : 2 + random.nextInt(5);
            double balance = subtle ? lognormal(90 * victim.spend * 5, 0.5) * burst : lognormal(15_000, 0.8);
            List<Customer> to = new ArrayList<>();
            int muleCount = 1 + random.nextInt(3);
            for (int i = 0; i < muleCount; i++) {
                to.add(mules.get(random.nextInt(mules.size())));
            }
            for (int i = 0; i < burst; i++) {
                long amount = Math.max(100, Math.round(balance / burst * (0.7 + 0.6 * random.nextDouble()) * 100));
                Customer mule = to.get(i % to.size());
                add(event(victim, at, mule.payer, "P2P", amount, device, ip, ipCountry, lat, lon, Label.ACCOUNT_TAKEOVER, campaign));
                cashOut(mule, at, amount, campaign, 0);
                at = at.plusSeconds(subtle ? 1200 + random.nextLong(3 * 3600) : 30 + random.nextLong(15 * 60));
            }
        }

        /** A mule that received money passes most of it on within hours: next mule, crypto, gift cards. */
        private void cashOut(Customer mule, Instant received, long amount, String campaign, int depth) {
            Instant at = received.plusSeconds(600 + random.nextLong(3 * 3600));
            long left = Math.round(amount * (0.85 + 0.13 * random.nextDouble()));
            int parts = 1 + random.nextInt(3);
            String device = mule.herderDevice != null ? mule.herderDevice : mule.devices.getFirst();
            String ip = random.nextDouble() < 0.5 ? mule.homeIp : carrierIp(mule.home);
            for (int i = 0; i < parts; i++) {
                long part = i == parts - 1 ? left : Math.round(left / (double) (parts - i) * (0.8 + 0.4 * random.nextDouble()));
                left -= part;
                if (part <= 0) {
                    continue;
                }
                double r = random.nextDouble();
                if (r < 0.35 && depth < 1) {
                    int n = random.nextInt(mules.size());
                    Customer next = mules.get(mules.get(n) == mule ? (n + 1) % mules.size() : n); // another mule, not itself
                    add(event(mule, at, next.payer, "P2P", part, device, ip, "CN", mule.latitude, mule.longitude, Label.MULE, campaign));
                    cashOut(next, at, part, campaign, depth + 1);
                } else {
                    Category c = r < 0.75 ? Category.CRYPTO_EXCHANGE : Category.GIFT_CARDS;
                    Merchant m = merchantOf(c, null);
                    add(event(mule, at, m.id(), c.name(), part, device, ip, "CN", mule.latitude, mule.longitude, Label.MULE, campaign));
                }
                at = at.plusSeconds(60 + random.nextLong(40 * 60));
            }
        }

        /** A bot tries a batch of stolen cards with small amounts at online merchants, then cashes some out. */
        private void cardTesting(ZonedDateTime dayStart) {
            String campaign = "CT-" + (++campaigns);
            boolean rotating = random.nextDouble() < 0.25; // a new device and address for every card
            Place from = random.nextBoolean() ? pickPlace(Place.PROXY) : pickPlace(Place.DOMESTIC);
            String device = deviceId();
            String ip = proxyIp(from);
            double hour = random.nextDouble() < 0.4 ? random.nextDouble() * 6 : random.nextDouble() * 24;
            Instant at = dayStart.toInstant().plusSeconds((long) (hour * 3600));
            int cards = 8 + random.nextInt(33);
            Category[] small = {Category.DIGITAL_GOODS, Category.ONLINE_RETAIL, Category.GIFT_CARDS};
            for (int k = 0; k < cards; k++) {
                Customer card;
                if (random.nextBoolean()) {
                    do {
                        card = customers.get(random.nextInt(customers.size()));
                    } while (card.kind != PayerKind.CARD);
                } else {
                    card = new Customer(); // a card never seen here before
                    card.kind = PayerKind.CARD;
                    card.payer = cardId();
                    card.cardCountry = random.nextDouble() < 0.7 ? "CN" : pickPlace(Place.TRAVEL).country();
                    card.country = card.cardCountry;
                    card.since = at;
                }
                if (rotating) {
                    from = random.nextBoolean() ? pickPlace(Place.PROXY) : pickPlace(Place.DOMESTIC);
                    device = deviceId();
                    ip = proxyIp(from);
                }
                double lat = from.latitude() + jitter(0.1);
                double lon = from.longitude() + jitter(0.1);
                int tries = 1 + random.nextInt(3);
                for (int t = 0; t < tries; t++) {
                    Merchant m = merchantOf(small[random.nextInt(small.length)], null);
                    long amount = 50 + random.nextLong(950);
                    add(event(card, at, m.id(), m.category().name(), amount, device, ip, from.country(), lat, lon, Label.CARD_TESTING, campaign));
                    at = at.plusSeconds(5 + random.nextLong(55));
                }
                if (random.nextDouble() < 0.25) {
                    Category c = random.nextBoolean() ? Category.GIFT_CARDS : Category.ONLINE_RETAIL;
                    Merchant m = merchantOf(c, null);
                    long amount = Math.round(lognormal(3_000, 0.6) * 100);
                    Instant later = at.plusSeconds(600 + random.nextLong(4 * 3600));
                    add(event(card, later, m.id(), c.name(), amount, device, ip, from.country(), lat, lon, Label.CARD_TESTING, campaign));
                }
                at = at.plusSeconds(10 + random.nextLong(110));
            }
        }

        // -------- money laundering

        /**
         * A laundering ring, its kind in turn so that a short stream has each: {@code FAN}, money gathered from
         * 10–15 accounts into one and, hours later, spread on to 10–13 others; {@code ROUND}, 3–4 round amounts
         * (10,000.00 to 40,000.00) paid out within hours; {@code STRUCT}, three transfers each just under the
         * 500,000.00 large-value threshold in a day. The accounts are new (opened 2–60 days before) and do nothing else.
         */
        private void launder(ZonedDateTime dayStart) {
            String kind = List.of("FAN", "ROUND", "STRUCT").get(rings % 3);
            String campaign = kind + "-" + (++rings);
            Instant at = dayStart.toInstant().plusSeconds(7 * 3600 + random.nextLong(9 * 3600));
            Customer launderer = launderingAccount(at);
            switch (kind) {
                case "FAN" -> {
                    int senders = 10 + random.nextInt(6);
                    long received = 0;
                    Instant last = at;
                    for (int i = 0; i < senders; i++) {
                        Customer smurf = launderingAccount(at);
                        Instant t = at.plusSeconds(random.nextLong(5 * 3600));
                        long amount = 500_000 + random.nextLong(450_000);
                        laundering(smurf, t, launderer.payer, amount, campaign);
                        received += amount;
                        last = t.isAfter(last) ? t : last;
                    }
                    long left = received * (92 + random.nextInt(6)) / 100;
                    int receivers = 10 + random.nextInt(4);
                    Instant out = last.plusSeconds(3600 + random.nextLong(4 * 3600));
                    for (int i = 0; i < receivers; i++) {
                        long part = i == receivers - 1 ? left : Math.round(left / (double) (receivers - i) * (0.85 + 0.3 * random.nextDouble()));
                        left -= part;
                        laundering(launderer, out, launderingAccount(at).payer, part, campaign);
                        out = out.plusSeconds(120 + random.nextLong(600));
                    }
                }
                case "ROUND" -> {
                    int payments = 3 + random.nextInt(2);
                    for (int i = 0; i < payments; i++) {
                        laundering(launderer, at, launderingAccount(at).payer, (1 + random.nextInt(4)) * 1_000_000L, campaign);
                        at = at.plusSeconds(600 + random.nextLong(3600));
                    }
                }
                default -> {
                    for (int i = 0; i < 3; i++) {
                        laundering(launderer, at, launderingAccount(at).payer, 45_200_000 + random.nextLong(4_700_000), campaign);
                        at = at.plusSeconds(1800 + random.nextLong(3 * 3600));
                    }
                }
            }
        }

        private Customer launderingAccount(Instant at) {
            Customer c = new Customer();
            c.kind = PayerKind.ACCOUNT;
            c.payer = String.format("U9%06d", launderingAccounts++);
            c.country = "CN";
            c.cardCountry = "CN";
            c.home = pickPlace(Place.DOMESTIC);
            c.latitude = round(c.home.latitude() + jitter(0.12));
            c.longitude = round(c.home.longitude() + jitter(0.12));
            c.devices.add(deviceId());
            c.homeIp = homeIp();
            c.since = at.minus(Duration.ofDays(2 + random.nextLong(58)));
            return c;
        }

        private void laundering(Customer from, Instant at, String to, long amount, String campaign) {
            add(event(from, at, to, "P2P", amount, from.devices.getFirst(), from.homeIp, "CN", from.latitude, from.longitude,
                    Label.LAUNDERING, campaign));
        }

        // -------- events

        private TrafficEvent event(Customer c, Instant at, String payee, String category, long amount, String device, String[] ip,
                                   double lat, double lon, Label label, String campaign) {
            return event(c, at, payee, category, amount, device, ip[0], ip[1], lat, lon, label, campaign);
        }

        private TrafficEvent event(Customer c, Instant at, String payee, String category, long amount, String device, String ip,
                                   String ipCountry, double lat, double lon, Label label, String campaign) {
            return new TrafficEvent(-1, at, c.payer, c.kind, payee, category, amount, "CNY", device, ip, ipCountry, c.cardCountry,
                    c.country, round(lat), round(lon), c.since, label, campaign);
        }

        private void add(TrafficEvent e) {
            pending.add(new Pending(order++, e));
        }

        // -------- helpers

        private ZonedDateTime dayStart(int d) {
            return settings.start().plusDays(d).atStartOfDay(StreamFeatures.ZONE);
        }

        private Merchant onlineMerchant() {
            Category[] online = {Category.ONLINE_RETAIL, Category.ONLINE_RETAIL, Category.ONLINE_RETAIL, Category.DIGITAL_GOODS,
                    Category.DIGITAL_GOODS, Category.UTILITIES, Category.TRAVEL, Category.GIFT_CARDS};
            return merchantOf(online[random.nextInt(online.length)], null);
        }

        private Merchant foreignIn(Place place) {
            int first = Place.TRAVEL.indexOf(place) * 12;
            return foreignMerchants.get(first + random.nextInt(12));
        }

        /** A merchant of this category, in this city when there is one (online merchants are anywhere). */
        private Merchant merchantOf(Category c, Place near) {
            List<Merchant> all = merchantsByCategory.get(c.ordinal());
            int start = random.nextInt(all.size());
            if (near != null && !c.online) {
                // the first one in the city from a random place in the list: a metro ride is in the rider's city
                for (int i = 0; i < all.size(); i++) {
                    Merchant m = all.get((start + i) % all.size());
                    if (m.place() == near) {
                        return m;
                    }
                }
            }
            return all.get(start);
        }

        /** A shop in the city (the first from a random place in the list), or any merchant if the city has none. */
        private int localMerchant(Place place) {
            int start = random.nextInt(merchants.size());
            for (int k = 0; k < merchants.size(); k++) {
                int i = (start + k) % merchants.size();
                Merchant m = merchants.get(i);
                if (m.place() == place && !m.category().online && m.category() != Category.TRANSIT) {
                    return i;
                }
            }
            return start;
        }

        private Place pickPlace(List<Place> places) {
            return places.get(pickWeighted(places.size(), i -> places.get(i).weight()));
        }

        private int pickWeighted(int n, java.util.function.IntToDoubleFunction weight) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += weight.applyAsDouble(i);
            }
            double r = random.nextDouble() * total;
            for (int i = 0; i < n; i++) {
                r -= weight.applyAsDouble(i);
                if (r < 0) {
                    return i;
                }
            }
            return n - 1;
        }

        private int poisson(double mean) {
            double l = Math.exp(-mean);
            double p = 1;
            int k = 0;
            do {
                k++;
                p *= random.nextDouble();
            } while (p > l);
            return k - 1;
        }

        private double lognormal(double median, double sigma) {
            return median * Math.exp(sigma * random.nextGaussian());
        }

        private double jitter(double degrees) {
            return (random.nextDouble() * 2 - 1) * degrees;
        }

        private String deviceId() {
            return String.format("D%012x", random.nextLong() & 0xffff_ffff_ffffL);
        }

        private String cardId() {
            return String.format("C%012x%04d", random.nextLong() & 0xffff_ffff_ffffL, cardSerial++ % 10_000);
        }

        private String homeIp() {
            return String.format("58.%d.%d.%d", random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254));
        }

        private String officeIp(Place city, int office) {
            return String.format("61.%d.%d.1", Place.DOMESTIC.indexOf(city), office);
        }

        /** A mobile carrier's shared (CGNAT) address in the city: 200 of them a city. */
        private String carrierIp(Place city) {
            int n = Place.DOMESTIC.indexOf(city);
            return String.format("100.%d.%d.%d", 64 + Math.max(0, n), random.nextInt(4), random.nextInt(50));
        }

        private String proxyIp(Place place) {
            return String.format("185.%d.%d.%d", AddressPlan.proxyBlock(place), random.nextInt(8), random.nextInt(16));
        }

        private static double round(double degrees) {
            return Math.round(degrees * 10_000) / 10_000.0;
        }
    }
}
