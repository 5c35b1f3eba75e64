package org.sipwitch.sip.call;

import java.util.function.BiConsumer;

/**
 * Told of every call once when it is admitted and once when it ends, with the user
 * ids of caller and callee; called on the call's lane, so it must be quick and
 * thread-safe. The engine keeps its own {@link CallStatistics}; this feeds others.
 */
public interface CallCounter {
    void callStarted(String caller, String callee);

    void callEnded(String caller, String callee);

    static CallCounter of(BiConsumer<String, String> started, BiConsumer<String, String> ended) {
        return new CallCounter() {
            @Override
            public void callStarted(String caller, String callee) {
                started.accept(caller, callee);
            }

            @Override
            public void callEnded(String caller, String callee) {
                ended.accept(caller, callee);
            }
        };
    }
}
