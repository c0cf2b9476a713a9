package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import io.huitong.consumers.Passkey;
import io.huitong.consumers.PasskeyCeremony;
import io.huitong.consumers.Passkeys;
import io.huitong.consumers.Session;
import io.huitong.consumers.User;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys (WebAuthn) in the database, verified with webauthn4j. A ceremony's challenge is 32 random
 * bytes, stored until it is answered or expires, and taken (deleted) by the first answer, so that no answer
 * can be replayed. A passkey is stored as its credential id, its attested credential data (AAGUID,
 * credential id and COSE public key, in the authenticator's binary form) and its signature counter; each
 * consumer has one random user handle, which discoverable passkeys give back at login.
 */
final class PasskeyCeremonies implements Passkeys {

    static final String REGISTRATION = "registration";
    static final String AUTHENTICATION = "authentication";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final String PASSKEY_COLUMNS = "id, name, created_at, last_used_at";

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final LoginGuard guard;
    private final PasskeyProperties properties;
    private final Set<Origin> origins;
    private final Clock clock;
    private final Ids ids;
    private final ObjectConverter converter = new ObjectConverter();
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);
    /** Attestation is not required (options ask for none), so any format is accepted without a trust path. */
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final SecureRandom random = new SecureRandom();

    PasskeyCeremonies(JdbcClient jdbc, UserAccounts accounts, LoginGuard guard, PasskeyProperties properties,
                      Set<String> origins, Clock clock, Ids ids) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.guard = guard;
        this.properties = properties;
        this.origins = origins.stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public PasskeyCeremony registrationOptions(String userId) {
        User user = accounts.find(userId).orElseThrow(() -> ApiException.notFound("user", userId));
        byte[] handle = userHandle(userId);
        Instant now = now();
        Ceremony ceremony = begin(REGISTRATION, userId, now);

        List<Map<String, Object>> exclude = new ArrayList<>();
        jdbc.sql("select credential_id, transports from consumer_passkey where user_id = ? order by id").params(userId)
                .query((rs, i) -> descriptor(rs.getString(1), rs.getString(2))).list().forEach(exclude::add);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", ceremony.challenge());
        options.put("rp", Map.of("id", properties.rpId(), "name", properties.rpName()));
        options.put("user", Map.of("id", B64URL.encodeToString(handle), "name", user.phone(), "displayName", user.name()));
        options.put("pubKeyCredParams", ALGORITHMS.stream()
                .map(p -> Map.<String, Object>of("type", "public-key", "alg", p.getAlg().getValue())).toList());
        options.put("timeout", properties.challengeTtl().toMillis());
        options.put("excludeCredentials", exclude);
        options.put("authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "required"));
        options.put("attestation", "none");
        return new PasskeyCeremony(ceremony.id(), "passkey_ceremony", ceremony.expiresAt(), options);
    }

    @Override
    public Passkey register(String userId, String ceremonyId, String credentialJson, String name) {
        if (name != null && (name.isBlank() || name.length() > 64)) {
            throw ApiException.invalid("name", "name must be 1 to 64 characters");
        }
        JsonNode credential = credential(credentialJson);
        byte[] clientData = binary(credential, "response", "clientDataJSON");
        byte[] attestation = binary(credential, "response", "attestationObject");
        Set<String> transports = new LinkedHashSet<>();
        for (JsonNode t : credential.path("response").path("transports")) {
            if (t.isString() && !t.asString().isBlank() && t.asString().length() <= 20) {
                transports.add(t.asString());
            }
        }
        Instant now = now();
        Ceremony ceremony = take(ceremonyId, REGISTRATION, userId, now)
                .orElseThrow(() -> registrationRefused("The ceremony is unknown, was answered already or has expired; ask for new options."));
        RegistrationData data;
        try {
            data = webAuthn.verify(new RegistrationRequest(attestation, clientData, transports),
                    new RegistrationParameters(server(ceremony), ALGORITHMS, true, true));
        } catch (WebAuthnException | IllegalArgumentException | JacksonException e) {
            // the bytes are the client's: whatever they hold that the library cannot read (client data that is not
            // the JSON it expects, CBOR that is not an attestation) is a passkey that could not be verified
            throw registrationRefused("The passkey could not be verified: " + e.getClass().getSimpleName() + ".");
        }
        AttestedCredentialData attested = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        String id = ids.next("pk");
        try {
            jdbc.sql("insert into consumer_passkey (id, user_id, credential_id, credential_data, sign_count, transports, name, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, userId, B64URL.encodeToString(attested.getCredentialId()),
                            B64URL.encodeToString(credentialData.convert(attested)),
                            data.getAttestationObject().getAuthenticatorData().getSignCount(),
                            transports.isEmpty() ? null : String.join(",", transports), name, DbTimes.at(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("passkey_exists", "This passkey is registered already.");
        }
        return new Passkey(id, "passkey", name, now, null);
    }

    @Override
    public List<Passkey> list(String userId) {
        return jdbc.sql("select " + PASSKEY_COLUMNS + " from consumer_passkey where user_id = ? order by id desc").params(userId)
                .query(PasskeyCeremonies::passkey).list();
    }

    @Override
    public void delete(String userId, String passkeyId) {
        if (jdbc.sql("delete from consumer_passkey where id = ? and user_id = ?").params(passkeyId, userId).update() == 0) {
            throw ApiException.notFound("passkey", passkeyId);
        }
    }

    @Override
    public PasskeyCeremony loginOptions() {
        Ceremony ceremony = begin(AUTHENTICATION, null, now());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", ceremony.challenge());
        options.put("rpId", properties.rpId());
        options.put("timeout", properties.challengeTtl().toMillis());
        options.put("userVerification", "required");
        return new PasskeyCeremony(ceremony.id(), "passkey_ceremony", ceremony.expiresAt(), options);
    }

    @Override
    public Session login(String ceremonyId, String credentialJson, String clientAddress) {
        JsonNode json = credential(credentialJson);
        byte[] credentialId = binary(json, "rawId");
        if (json.has("id") && !Arrays.equals(binary(json, "id"), credentialId)) {
            throw ApiException.invalid("credential.id", "credential.id and credential.rawId must be the same credential");
        }
        byte[] clientData = binary(json, "response", "clientDataJSON");
        byte[] authenticatorData = binary(json, "response", "authenticatorData");
        byte[] signature = binary(json, "response", "signature");
        JsonNode handleNode = json.path("response").path("userHandle");
        byte[] userHandle = handleNode.isNull() || handleNode.isMissingNode() ? null : binary(json, "response", "userHandle");

        Instant now = now();
        String addressKey = "address:" + (clientAddress == null ? "unknown" : clientAddress);
        // the address's attempt is counted before the assertion is verified, and given back when it proves someone
        Optional<Instant> locked = guard.claim(addressKey, null, now);
        if (locked.isPresent()) {
            throw locked(locked.get());
        }
        Optional<String> userId = verifyAssertion(ceremonyId, credentialId, userHandle,
                new AuthenticationRequest(credentialId, userHandle, authenticatorData, clientData, signature), now);
        if (userId.isEmpty()) {
            throw guard.lockedUntil(addressKey, now).map(PasskeyCeremonies::locked).orElseGet(() -> new ApiException(401,
                    ErrorType.AUTHENTICATION_ERROR, "passkey_invalid", "The passkey could not be verified.", null));
        }
        guard.release(addressKey, null);
        return accounts.open(userId.get(), clientAddress, now);
    }

    /**
     * The consumer the assertion proves, having moved the passkey's counter on; empty (and nothing changed
     * but the ceremony, now taken) when it proves nothing.
     */
    private Optional<String> verifyAssertion(String ceremonyId, byte[] credentialId, byte[] userHandle, AuthenticationRequest request,
                                             Instant now) {
        Optional<Ceremony> ceremony = take(ceremonyId, AUTHENTICATION, null, now);
        if (ceremony.isEmpty()) {
            return Optional.empty();
        }
        Optional<Stored> found = jdbc.sql("select p.id, p.user_id, p.credential_data, p.sign_count, h.user_handle"
                        + " from consumer_passkey p join consumer_passkey_handle h on h.user_id = p.user_id where p.credential_id = ?")
                .params(B64URL.encodeToString(credentialId))
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)))
                .optional();
        // the login named no user, so the authenticator must say whose passkey it is, and say it right
        if (found.isEmpty() || userHandle == null
                || !MessageDigest.isEqual(B64URL.encodeToString(userHandle).getBytes(), found.get().userHandle().getBytes())) {
            return Optional.empty();
        }
        Stored passkey = found.get();
        CredentialRecordImpl record = new CredentialRecordImpl(null, null, null, null, passkey.signCount(),
                credentialData.convert(B64URL_DECODER.decode(passkey.credentialData())), null, null, null, null);
        AuthenticationData verified;
        try {
            verified = webAuthn.verify(request, new AuthenticationParameters(server(ceremony.get()), record, null, true, true));
        } catch (WebAuthnException | IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
        long signCount = verified.getAuthenticatorData().getSignCount();
        // the counter must not have moved (or the passkey gone) since it was read: a cloned authenticator racing loses
        int updated = jdbc.sql("update consumer_passkey set sign_count = ?, last_used_at = ? where id = ? and sign_count = ?")
                .params(Math.max(signCount, passkey.signCount()), DbTimes.at(now), passkey.id(), passkey.signCount()).update();
        return updated == 1 ? Optional.of(passkey.userId()) : Optional.empty();
    }

    private ServerProperty server(Ceremony ceremony) {
        return ServerProperty.builder().origins(origins).rpId(properties.rpId())
                .challenge(new DefaultChallenge(B64URL_DECODER.decode(ceremony.challenge()))).build();
    }

    /** The consumer's user handle, made on first use. */
    private byte[] userHandle(String userId) {
        Optional<String> existing = jdbc.sql("select user_handle from consumer_passkey_handle where user_id = ?").params(userId)
                .query(String.class).optional();
        if (existing.isPresent()) {
            return B64URL_DECODER.decode(existing.get());
        }
        byte[] handle = new byte[32];
        random.nextBytes(handle);
        try {
            jdbc.sql("insert into consumer_passkey_handle (user_id, user_handle) values (?, ?)")
                    .params(userId, B64URL.encodeToString(handle)).update();
            return handle;
        } catch (DuplicateKeyException raced) {
            return userHandle(userId);
        }
    }

    private Ceremony begin(String kind, String userId, Instant now) {
        jdbc.sql("delete from passkey_ceremony where expires_at <= ?").params(DbTimes.at(now)).update();
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        Ceremony ceremony = new Ceremony(ids.next("pkc"), B64URL.encodeToString(challenge), now.plus(properties.challengeTtl()));
        jdbc.sql("insert into passkey_ceremony (id, kind, user_id, challenge, created_at, expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(ceremony.id(), kind, userId, ceremony.challenge(), DbTimes.at(now), DbTimes.at(ceremony.expiresAt())).update();
        return ceremony;
    }

    /** Takes the ceremony: whoever deletes its row answers it, once; an expired one answers nothing. */
    private Optional<Ceremony> take(String ceremonyId, String kind, String userId, Instant now) {
        if (ceremonyId == null) {
            return Optional.empty();
        }
        Optional<Ceremony> ceremony = jdbc.sql("select id, challenge, expires_at, user_id from passkey_ceremony where id = ? and kind = ?")
                .params(ceremonyId, kind)
                .query((rs, i) -> new Owned(new Ceremony(rs.getString(1), rs.getString(2), DbTimes.instant(rs, 3)), rs.getString(4)))
                .optional()
                .filter(owned -> userId == null || userId.equals(owned.userId()))
                .map(Owned::ceremony);
        if (ceremony.isEmpty() || jdbc.sql("delete from passkey_ceremony where id = ?").params(ceremonyId).update() != 1) {
            return Optional.empty();
        }
        return ceremony.filter(c -> c.expiresAt().isAfter(now));
    }

    private JsonNode credential(String json) {
        if (json == null) {
            throw ApiException.missing("credential");
        }
        try {
            JsonNode node = converter.getJsonMapper().readTree(json);
            if (!node.isObject()) {
                throw ApiException.invalid("credential", "credential must be an object: the browser's PublicKeyCredential.toJSON()");
            }
            if (!"public-key".equals(node.path("type").asString(""))) {
                throw ApiException.invalid("credential.type", "credential.type must be public-key");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.invalid("credential", "credential must be an object: the browser's PublicKeyCredential.toJSON()");
        }
    }

    /** A base64url field of the credential, or a 400 naming it. */
    private static byte[] binary(JsonNode credential, String... path) {
        JsonNode node = credential;
        for (String field : path) {
            node = node.path(field);
        }
        String param = "credential." + String.join(".", path);
        if (node.isMissingNode() || node.isNull()) {
            throw ApiException.missing(param);
        }
        if (!node.isString() || node.asString().isEmpty()) {
            throw ApiException.invalid(param, param + " must be a base64url string");
        }
        try {
            return B64URL_DECODER.decode(node.asString().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(param, param + " must be a base64url string");
        }
    }

    private static Map<String, Object> descriptor(String credentialId, String transports) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("type", "public-key");
        descriptor.put("id", credentialId);
        if (transports != null) {
            descriptor.put("transports", List.of(transports.split(",")));
        }
        return descriptor;
    }

    private static ApiException locked(Instant until) {
        return new ApiException(429, ErrorType.RATE_LIMIT_ERROR, "login_locked",
                "Too many failed logins: login is locked until " + until + ".", null);
    }

    private static ApiException registrationRefused(String message) {
        return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "passkey_invalid", message, "credential");
    }

    private static Passkey passkey(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Passkey(rs.getString(1), "passkey", rs.getString(2), DbTimes.instant(rs, 3), DbTimes.instant(rs, 4));
    }

    private Instant now() {
        return DbTimes.now(clock);
    }

    private record Ceremony(String id, String challenge, Instant expiresAt) {
    }

    private record Owned(Ceremony ceremony, String userId) {
    }

    private record Stored(String id, String userId, String credentialData, long signCount, String userHandle) {
    }
}
