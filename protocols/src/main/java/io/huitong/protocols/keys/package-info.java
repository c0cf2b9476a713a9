/** Reading keys from configuration (PEM or base64) and base64 signatures, for the operators' interfaces. */
package io.huitong.protocols.keys;
