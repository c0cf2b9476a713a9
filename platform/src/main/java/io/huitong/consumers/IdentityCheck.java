package io.huitong.consumers;

/**
 * The check that a real name and a resident ID number belong together, against the public-security
 * identity service (公安部身份核验) or a licensed provider of it: the service of the
 * {@link VerificationChannel#PUBLIC_SECURITY} channel (a {@link ChannelCheck} for that channel does the same). None is
 * built in: without one, verification through that channel checks only what can be checked locally (the ID number's
 * format, date of birth and check character, the name's form). A deployment that must truly verify identities declares one.
 */
public interface IdentityCheck {

    /** Whether the name and the ID number belong to one real person. */
    boolean matches(RealName identity);
}
