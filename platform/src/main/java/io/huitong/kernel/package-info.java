/**
 * The shared kernel: money, currencies, ids and the API error model. Every module may use it; it uses
 * no other module.
 */
package io.huitong.kernel;
