/**
 * HTTP Digest hashing (RFC 2617, RFC 7616 §3.4): the algorithms, HA1 and the expected
 * response. No SIP and no I/O here: the configuration (HA1 stored instead of secrets),
 * management (the {@code digest} verb) and {@code sip.auth} (verifying phones) all
 * compute the same hashes from this package.
 */
package org.sipwitch.digest;
