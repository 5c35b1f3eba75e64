package org.sipwitch.mbeans;

import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Realm}: the authentication realm. Verbs: realm, digest. */
@Description("Authentication realm and digest algorithm")
public interface RealmMXBean {

    /**
     * Shows the realm, or changes it. Changing it invalidates outstanding nonces.
     *
     * @throws IllegalArgumentException for an unknown digest type
     */
    @Impact(MBeanOperationInfo.ACTION_INFO)
    @Description("Show the realm, or set a new realm and digest type; empty arguments keep "
            + "the current value; returns the realm in force (verb: realm)")
    RealmInfo realm(
            @Name("realm") @Description("new realm, or empty to keep the current one") String realm,
            @Name("digestType") @Description("md5 or sha-256, or empty to keep the current one") String digestType);

    /**
     * Computes HA1 for console users. {@code sipwitchctl digest} computes the same value
     * locally (it only asks {@link #realm} for defaults) so that secrets never cross the
     * control pipe. Implementations must never log the secret.
     */
    @Impact(MBeanOperationInfo.INFO)
    @Description("Compute the HA1 digest hex of user:realm:secret (verb: digest, which "
            + "sipwitchctl computes locally so secrets never cross the control pipe)")
    String digest(
            @Name("user") @Description("the user id") String user,
            @Name("realm") @Description("the realm, or empty for the current one") String realm,
            @Name("digestType") @Description("md5 or sha-256, or empty for the current one") String digestType,
            @Name("secret") @Description("the secret; never logged") String secret);
}
