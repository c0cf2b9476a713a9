package io.huitong.consumers.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.huitong.consumers.ChannelCheck;
import io.huitong.consumers.ChannelClaim;
import io.huitong.consumers.NewVerificationChannel;
import io.huitong.consumers.Phones;
import io.huitong.consumers.RealName;
import io.huitong.consumers.Verification;
import io.huitong.consumers.VerificationChannel;
import io.huitong.consumers.Verifications;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumers' verification, channel by channel. What is checked here is what can be checked here (the elements' form: the
 * {@link RealName} rules and a date of birth not in the future, a card number's Luhn digit, a phone number's form)
 * plus, for each channel, the outside service the deployment configured for it ({@link ChannelCheck}; for the
 * public-security channel also an {@link io.huitong.consumers.IdentityCheck}): none is reachable from this code. A channel
 * is recorded with what checked it ({@code provider}, {@code form}, {@code operator}), in one transaction with the
 * identity when it is the first.
 */
final class VerificationRegistry implements Verifications {

    private static final Logger log = LoggerFactory.getLogger(VerificationRegistry.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String CHANNELS = "select channel, checked_by, detail, verified_at from consumer_verification_channel";
    static final Duration REMEMBER_STANDING = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RealNameRegistry identities;
    private final Clock clock;
    private final Map<VerificationChannel, ChannelCheck> checks;
    private final boolean providersRequired;
    /**
     * Standings read lately. A consumer's channels are only ever added, so a standing remembered here can only lack a
     * channel added since, on another instance (this one forgets the consumer's when it adds one): it then counts
     * for less, never for more, and for {@link #REMEMBER_STANDING} at most.
     */
    private final Cache<String, Standing> standings = Caffeine.newBuilder().expireAfterWrite(REMEMBER_STANDING).maximumSize(100_000).build();

    VerificationRegistry(JdbcClient jdbc, TransactionTemplate tx, RealNameRegistry identities, Clock clock, List<ChannelCheck> checks,
                         boolean providersRequired) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.identities = identities;
        this.clock = clock;
        this.providersRequired = providersRequired;
        this.checks = new EnumMap<>(VerificationChannel.class);
        checks.forEach(c -> this.checks.putIfAbsent(c.channel(), c));
        String unchecked = Arrays.stream(VerificationChannel.values()).filter(c -> c.external() && !this.checks.containsKey(c))
                .map(VerificationChannel::wireName).collect(Collectors.joining(", "));
        if (!unchecked.isEmpty()) {
            log.warn("No outside service is configured for the verification channels {}: {}", unchecked, providersRequired
                    ? "they refuse claims (huitong.consumers.verification.providers-required)"
                    : "they check the form of what they are given only, and record so (checked_by: form)");
        }
    }

    @Override
    public Verification verify(String userId, RealName identity) {
        return claim(userId, new ChannelClaim(VerificationChannel.PUBLIC_SECURITY, identity, null, null));
    }

    @Override
    public Verification addChannel(String userId, NewVerificationChannel request) {
        VerificationChannel channel = request.kind();
        String phone = channel == VerificationChannel.PHONE_OPERATOR ? ownPhone(userId)
                : channel == VerificationChannel.BANK_CARD ? request.bankCard().phone() : null;
        String card = channel == VerificationChannel.BANK_CARD ? request.bankCard().number() : null;
        return claim(userId, new ChannelClaim(channel, request.identity(), card, phone));
    }

    @Override
    public Verification faceToFace(String userId, RealName identity, String operatorId) {
        ownPhone(userId); // the consumer must exist
        Instant now = now();
        bornBefore(identity, now);
        boolean known = identities.sameOrFree(userId, identity);
        if (!known || !channels(userId).contains(VerificationChannel.FACE_TO_FACE)) {
            record(userId, identity, known, VerificationChannel.FACE_TO_FACE, "operator", null, operatorId, now);
        }
        return verification(userId);
    }

    private Verification claim(String userId, ChannelClaim claim) {
        Instant now = now();
        bornBefore(claim.identity(), now);
        boolean known = identities.sameOrFree(userId, claim.identity());
        if (known && channels(userId).contains(claim.channel())) {
            return verification(userId);
        }
        String checkedBy = check(claim);
        record(userId, claim.identity(), known, claim.channel(), checkedBy, detail(claim), null, now);
        return verification(userId);
    }

    /** Asks the channel's service, if the deployment has one: {@code provider} when it confirms, {@code form} without one. */
    private String check(ChannelClaim claim) {
        ChannelCheck check = checks.get(claim.channel());
        if (check == null) {
            if (providersRequired) {
                throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "verification_channel_unavailable", "Verification through "
                        + claim.channel().wireName() + " is not offered by this platform: no service is configured for it.", "channel");
            }
            return "form";
        }
        boolean matches;
        try {
            matches = check.matches(claim);
        } catch (RuntimeException e) {
            log.warn("The {} verification service gave no answer: {}", claim.channel().wireName(), e.getClass().getName());
            throw new ApiException(503, ErrorType.API_ERROR, "verification_unavailable", "The " + claim.channel().wireName()
                    + " verification service gave no answer; nothing was recorded. Try again later.", null);
        }
        if (!matches) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "verification_failed", claim.channel() == VerificationChannel.PUBLIC_SECURITY
                    ? "The name and the ID number do not belong together."
                    : "The " + claim.channel().wireName() + " record does not hold these elements as belonging together.", null);
        }
        return "provider";
    }

    /** Records the channel, and the identity with it when the consumer had none; a raced duplicate is judged again. */
    private void record(String userId, RealName identity, boolean known, VerificationChannel channel, String checkedBy, String detail,
                        String operatorId, Instant now) {
        try {
            tx.executeWithoutResult(s -> {
                if (!known) {
                    identities.store(userId, identity, now);
                }
                jdbc.sql("insert into consumer_verification_channel (user_id, channel, checked_by, detail, operator_id, verified_at)"
                                + " values (?, ?, ?, ?, ?, ?)")
                        .params(userId, channel.wireName(), checkedBy, detail, operatorId, DbTimes.at(now)).update();
            });
            standings.invalidate(userId);
        } catch (DuplicateKeyException raced) {
            // another request verified this account meanwhile (then it must be the same identity), or another account this ID
            if (!identities.sameOrFree(userId, identity)) {
                throw RealNameRegistry.idNumberTaken();
            }
            if (!channels(userId).contains(channel)) {
                record(userId, identity, true, channel, checkedBy, detail, operatorId, now);
            }
        }
    }

    @Override
    public Verification verification(String userId) {
        Optional<RealNameRegistry.Identity> identity = identities.identity(userId);
        if (identity.isEmpty()) {
            return Verification.none();
        }
        List<Verification.Channel> channels = jdbc.sql(CHANNELS + " where user_id = ? order by verified_at, channel").params(userId)
                .query((rs, i) -> new Verification.Channel(rs.getString(1), rs.getString(2), rs.getString(3), DbTimes.instant(rs, 4)))
                .list();
        return Verification.of(RealName.maskName(identity.get().name()), RealName.maskIdNumber(identity.get().idNumber()),
                identity.get().verifiedAt(), channels);
    }

    @Override
    public Set<VerificationChannel> channels(String userId) {
        Set<VerificationChannel> channels = EnumSet.noneOf(VerificationChannel.class);
        jdbc.sql("select channel from consumer_verification_channel where user_id = ?").params(userId).query(String.class).list()
                .forEach(c -> channels.add(VerificationChannel.of(c)));
        return channels;
    }

    @Override
    public Optional<Standing> standing(String userId) {
        // read under the cache's entry: a channel's record forgetting the consumer meanwhile waits, then forgets this read
        return Optional.ofNullable(standings.get(userId, id -> read(id).orElse(null)));
    }

    private Optional<Standing> read(String userId) {
        return jdbc.sql("select c.created_at, v.channel from consumer c left join consumer_verification_channel v on v.user_id = c.id"
                + " where c.id = ?").params(userId).query((java.sql.ResultSet rs) -> {
                    if (!rs.next()) {
                        return Optional.<Standing>empty();
                    }
                    Instant since = DbTimes.instant(rs, 1);
                    Set<VerificationChannel> channels = EnumSet.noneOf(VerificationChannel.class);
                    do {
                        if (rs.getString(2) != null) {
                            channels.add(VerificationChannel.of(rs.getString(2)));
                        }
                    } while (rs.next());
                    return Optional.of(new Standing(since, channels));
                });
    }

    @Override
    public boolean holderNamed(String userId, String name) {
        return name != null && identities.identity(userId).map(i -> comparable(i.name()).equals(comparable(name))).orElse(false);
    }

    private static String comparable(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String detail(ChannelClaim claim) {
        return switch (claim.channel()) {
            case BANK_CARD -> "•••• " + claim.cardNumber().substring(claim.cardNumber().length() - 4);
            case PHONE_OPERATOR -> Phones.mask(claim.phone());
            default -> null;
        };
    }

    /** The consumer's own phone number (E.164), which the operator's record is of; a 404 for no such consumer. */
    private String ownPhone(String userId) {
        return jdbc.sql("select phone from consumer where id = ?").params(userId).query(String.class).optional()
                .orElseThrow(() -> ApiException.notFound("user", userId));
    }

    private static void bornBefore(RealName identity, Instant now) {
        if (identity.birthDate().isAfter(LocalDate.ofInstant(now, CHINA))) {
            throw ApiException.invalid("id_number", "id_number has a date of birth in the future");
        }
    }

    private Instant now() {
        return DbTimes.now(clock);
    }
}
