package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Registry}: who is registered where. Verbs: registry, usercache, activate, release, forward. */
@Description("Registrations of user agents and the cache of recently authenticated users")
public interface RegistryMXBean {

    @Description("All current registrations, one per contact (verb: registry)")
    List<Registration> getRegistrations();

    /** A console's view of a large registry: the size without the rows. */
    @Description("How many registrations there are (one per contact), without fetching them")
    int getRegistrationCount();

    /**
     * One page of {@link #getRegistrations()} in the same order (by user id), so a console
     * never fetches a million rows at once.
     *
     * @throws IllegalArgumentException when offset is negative or limit is outside 1..10000
     */
    @Impact(MBeanOperationInfo.INFO)
    @Description("One page of the registrations in the order of Registrations (by user id): at most limit rows "
            + "from offset (0 = the first)")
    List<Registration> registrationPage(
            @Name("offset") @Description("rows to skip, 0 or more") int offset,
            @Name("limit") @Description("rows to return, 1 to 10000") int limit);

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

    /**
     * @return one line saying what is now in force, e.g. {@code alice na -> 95551234}
     * @throws IllegalArgumentException for an unknown user or kind
     */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Set or cancel a user's call forwarding (all, busy, na, dnd); kept across restarts (verb: forward)")
    String forward(
            @Name("user") @Description("user id, extension or alias") String user,
            @Name("kind") @Description("all, busy, na (no answer or not registered) or dnd") String kind,
            @Name("target") @Description("where calls go: a user, extension, number or sip: URI; off to cancel") String target);
}
