package io.huitong.wallets;

/**
 * The class of a consumer's payment account, in the spirit of the PBoC's Class I/II/III accounts: class I
 * (real-name verified) has no limit beyond its balance; classes II and III have lower, configurable
 * per-transaction and daily limits.
 */
public enum AccountClass {
    I, II, III
}
