package org.sipwitch.sip.auth;

/**
 * The parameters of one {@code Authorization}/{@code Proxy-Authorization: Digest ...}
 * header (RFC 2617 §3.2.2, RFC 7616 §3.4), unquoted. Absent parameters are null.
 * The response is not a secret, but it is a password-equivalent for this one nonce,
 * so toString leaves it out.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String cnonce, String opaque, String qop, String nc) {

    /** True when the parameters every verification needs are present. */
    public boolean isComplete() {
        if (username == null || realm == null || nonce == null || uri == null || response == null) {
            return false;
        }
        // with qop, cnonce and nc are mandatory (RFC 7616 §3.4)
        return qop == null || (cnonce != null && nc != null);
    }

    @Override
    public String toString() {
        return "Digest username=" + username + " realm=" + realm + " algorithm=" + algorithm + " qop=" + qop
                + " nc=" + nc;
    }
}
