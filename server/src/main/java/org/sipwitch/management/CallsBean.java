package org.sipwitch.management;

import java.util.List;
import org.sipwitch.mbeans.CallInfo;
import org.sipwitch.mbeans.CallsMXBean;

/** {@code sipwitch:type=Calls}: a thin face over the wired {@link CallsSource}. */
final class CallsBean implements CallsMXBean {

    private final ManagementHooks hooks;

    CallsBean(ManagementHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public List<CallInfo> getCalls() {
        return List.copyOf(hooks.calls().calls());
    }

    @Override
    public String getStatus() {
        return hooks.calls().status();
    }

    @Override
    public int drop(String target) {
        return hooks.calls().drop(Args.required(target, "target"));
    }
}
