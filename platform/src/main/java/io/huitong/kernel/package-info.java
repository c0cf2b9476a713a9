/**
 * The shared kernel: money, currencies, ids and the API error model. Every module may use it; it uses
 * no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.huitong.kernel;
