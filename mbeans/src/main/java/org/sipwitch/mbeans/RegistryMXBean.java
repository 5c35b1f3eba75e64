package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Registry}: who is registered where. Verbs: registry, usercache, activate, release. */
@Description("Registrations of user agents and the cache of recently authenticated users")
public interface RegistryMXBean {

    @Description("All current registrations, one per contact (verb: registry)")
    List<Registration> getRegistrations();

    @Description("Users recently authenticated, with the address they came from (verb: usercache)")
    List<CachedUser> getUserCache();

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Register an extension statically at a fixed address; it never expires (verb: activate)")
    void activate(
            @Name("extension") @Description("the extension to register, e.g. 201") String extension,
            @Name("address") @Description("IP address or host[:port] to send its calls to") String address);

    /**
     * @return how many registrations were removed
     * @throws IllegalArgumentException when the extension is not registered
     */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Remove every registration of an extension; returns how many were removed (verb: release)")
    int release(
            @Name("extension") @Description("the extension (or user id) to release") String extension);
}
