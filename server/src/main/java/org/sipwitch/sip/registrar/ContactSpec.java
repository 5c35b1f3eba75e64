package org.sipwitch.sip.registrar;

/**
 * One Contact of a REGISTER after the expiry rules were applied.
 *
 * @param uri        the contact URI (re-serialised from the parsed URI, escapes and parameter order kept)
 * @param expires    granted seconds; 0 removes the binding
 * @param q          q-value, or {@code Binding.NO_Q}
 * @param instanceId {@code +sip.instance} (RFC 5626), or null
 */
record ContactSpec(String uri, long expires, float q, String instanceId) {
}
