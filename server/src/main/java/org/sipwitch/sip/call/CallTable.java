package org.sipwitch.sip.call;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fixed-size table of call slots ({@code <stack><mapped>}), as GNU sipwitch maps
 * its calls into shared memory: a call that finds no free slot is refused with 503,
 * and {@code status} shows one character per slot. Also indexes every leg by its
 * Call-ID so in-dialog requests find their call.
 *
 * <p>Sessions live on different lanes, so the table is lock-free: slots are claimed
 * with CAS, the leg index is a concurrent map.
 */
public final class CallTable {
    private final AtomicReferenceArray<CallSession> slots;
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger hint = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final ConcurrentHashMap<String, Leg> legs = new ConcurrentHashMap<>();

    public CallTable(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("call table needs at least one slot");
        }
        slots = new AtomicReferenceArray<>(size);
    }

    public int size() {
        return slots.length();
    }

    /** Calls in the table now. */
    public int active() {
        return active.get();
    }

    /** A fresh session number for a call id ({@code %08x}). */
    int nextSequence() {
        return sequence.incrementAndGet();
    }

    /** The session number of the last call admitted, 0 before the first. */
    public int lastSequence() {
        return sequence.get();
    }

    /**
     * Numbers the next calls after {@code last}: a server restarted in-process goes on
     * from the one it replaces, so a call id never names two calls of one daemon.
     */
    public void continueAfter(int last) {
        sequence.accumulateAndGet(last, Math::max);
    }

    /**
     * Claims a free slot for the session the factory makes; null when the table is
     * full. Starts after the last claimed slot so a freed slot is not reused at once
     * (a late message for the old call cannot meet the new one by slot).
     */
    CallSession claim(java.util.function.IntFunction<CallSession> factory) {
        int n = slots.length();
        int start = Math.floorMod(hint.get(), n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            if (slots.get(slot) == null) {
                CallSession session = factory.apply(slot);
                if (slots.compareAndSet(slot, null, session)) {
                    hint.set(slot + 1);
                    active.incrementAndGet();
                    return session;
                }
            }
        }
        return null;
    }

    void release(CallSession session) {
        if (slots.compareAndSet(session.slot(), session, null)) {
            active.decrementAndGet();
        }
    }

    void index(Leg leg) {
        legs.put(leg.callId(), leg);
    }

    void unindex(Leg leg) {
        legs.remove(leg.callId(), leg);
    }

    /** The leg whose dialog has this Call-ID, or null. */
    Leg leg(String callId) {
        return callId == null ? null : legs.get(callId);
    }

    /** Legs indexed (for tests: nothing leaks after calls end). */
    public int indexedLegs() {
        return legs.size();
    }

    /** Every call now, in slot order. */
    List<CallSession> sessions() {
        List<CallSession> out = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            CallSession s = slots.get(i);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** One character per slot: '.' free, else the call's {@link CallState#symbol()}. */
    public String status() {
        char[] out = new char[slots.length()];
        for (int i = 0; i < out.length; i++) {
            CallSession s = slots.get(i);
            out[i] = s == null ? CallState.FREE : s.state().symbol();
        }
        return new String(out);
    }
}
