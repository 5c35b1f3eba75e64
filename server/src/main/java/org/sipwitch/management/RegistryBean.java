package org.sipwitch.management;

import java.util.List;
import org.sipwitch.mbeans.CachedUser;
import org.sipwitch.mbeans.Registration;
import org.sipwitch.mbeans.RegistryMXBean;

/** {@code sipwitch:type=Registry}: a thin face over the wired {@link RegistrySource}. */
final class RegistryBean implements RegistryMXBean {

    /** The largest page: big enough for any screen, small enough to never hurt the daemon. */
    static final int MAX_PAGE = 10_000;

    private final ManagementHooks hooks;

    RegistryBean(ManagementHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public List<Registration> getRegistrations() {
        return List.copyOf(hooks.registry().registrations());
    }

    @Override
    public int getRegistrationCount() {
        return hooks.registry().count();
    }

    @Override
    public List<Registration> registrationPage(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", not " + limit);
        }
        return List.copyOf(hooks.registry().page(offset, limit));
    }

    @Override
    public List<CachedUser> getUserCache() {
        return List.copyOf(hooks.registry().userCache());
    }

    @Override
    public void activate(String extension, String address) {
        hooks.registry().activate(Args.required(extension, "extension"), Args.required(address, "address"));
    }

    @Override
    public int release(String extension) {
        return hooks.registry().release(Args.required(extension, "extension"));
    }

    @Override
    public String forward(String user, String kind, String target) {
        return hooks.registry().forward(Args.required(user, "user"), Args.required(kind, "kind"),
                Args.required(target, "target"));
    }
}
