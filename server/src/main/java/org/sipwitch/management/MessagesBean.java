package org.sipwitch.management;

import org.sipwitch.mbeans.MessagesMXBean;

/** {@code sipwitch:type=Messages}: a thin face over the wired {@link TextMessenger}. */
final class MessagesBean implements MessagesMXBean {

    private final ManagementHooks hooks;

    MessagesBean(ManagementHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public int send(String extension, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("message text is empty");
        }
        return hooks.messenger().send(Args.required(extension, "extension"), text);
    }
}
