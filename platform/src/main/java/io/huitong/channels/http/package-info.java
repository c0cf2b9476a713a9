/** What the connectors to HTTP operators (e-CNY, the wallet operator) share: the link, its timeouts, breaker and meters. */
package io.huitong.channels.http;
