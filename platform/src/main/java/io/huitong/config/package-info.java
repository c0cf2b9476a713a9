/** Platform-wide wiring: the clock, id generation and start-up reporting. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.huitong.config;
