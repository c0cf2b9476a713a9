package io.huitong.consumers;

/**
 * The check that a real name and a resident ID number belong together, against the public-security
 * identity service (公安部身份核验) or a licensed provider of it. None is built in: without a bean of this
 * type, verification checks only what can be checked locally (the ID number's format, date of birth and
 * check character, the name's form). A deployment that must truly verify identities declares one.
 */
public interface IdentityCheck {

    /** Whether the name and the ID number belong to one real person. */
    boolean matches(RealName identity);
}
