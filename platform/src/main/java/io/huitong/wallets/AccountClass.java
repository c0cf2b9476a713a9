package io.huitong.wallets;

/**
 * The class of a consumer's wallet: the PBoC's payment-account classes (《非银行支付机构网络支付业务管理办法》, 2015, art.
 * 11–12). Class I: the consumer's identity verified through one external channel; balance payments and transfers at most
 * 1,000.00 CNY in all since the account opened. Class II: three channels; at most 100,000.00 CNY a calendar year. Class
 * III: five channels, or face to face; at most 200,000.00 CNY a calendar year. A wallet whose holder no channel verified
 * has no class: it holds and receives money and pays nothing from its balance. The rules are in
 * {@link io.huitong.wallets.domain.ClassRules}.
 */
public enum AccountClass {
    I, II, III
}
