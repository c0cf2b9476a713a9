package io.huitong.consumers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A consumer's verification as the API shows it: the identity masked ({@code *梅梅}, {@code 1101**********1234}), when it
 * was first verified, the channels it was verified through, and {@code class}, the wallet's payment-account class they
 * give (filled in by the wallet, {@link #withAccountClass}; null while no channel verified the consumer).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(String object, boolean verified, String name, String idNumber, Instant verifiedAt, List<Channel> channels,
                           @JsonProperty("class") @JsonInclude(JsonInclude.Include.ALWAYS) String accountClass) {

    /**
     * One channel the consumer was verified through: {@code checked_by} {@code provider} (the deployment's service for the
     * channel confirmed it), {@code form} (none is configured: the elements' form was checked, nothing more), {@code operator}
     * (face to face) or {@code unknown} (verified before channels were recorded); {@code detail} masked.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channel(String channel, String checkedBy, String detail, Instant verifiedAt) {
    }

    public Verification {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public static Verification none() {
        return new Verification("verification", false, null, null, null, List.of(), null);
    }

    public static Verification of(String maskedName, String maskedIdNumber, Instant verifiedAt, List<Channel> channels) {
        return new Verification("verification", true, maskedName, maskedIdNumber, verifiedAt, channels, null);
    }

    /** The same verification with the wallet's class. */
    public Verification withAccountClass(String accountClass) {
        return new Verification(object, verified, name, idNumber, verifiedAt, channels, accountClass);
    }
}
