package io.huitong.consumers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A consumer's real-name verification as the API shows it: name and ID number masked ({@code *梅梅}, {@code 1101**********1234}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(String object, boolean verified, String name, String idNumber, Instant verifiedAt) {

    public static Verification none() {
        return new Verification("verification", false, null, null, null);
    }

    public static Verification of(String maskedName, String maskedIdNumber, Instant verifiedAt) {
        return new Verification("verification", true, maskedName, maskedIdNumber, verifiedAt);
    }
}
