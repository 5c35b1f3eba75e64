package org.sipwitch.wiring;

import org.sipwitch.management.Events;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;

/** Registration changes as operator events (JMX notifications, {@code sipwitchctl events}). */
final class RegistrationEvents implements BindingListener {
    private final Events events;

    RegistrationEvents(Events events) {
        this.events = events;
    }

    @Override
    public void added(Binding b) {
        events.registrationActivated(b.userId(), b.extension(), b.contact());
    }

    @Override
    public void removed(Binding b, Cause cause) {
        events.registrationReleased(b.userId(), b.extension(), b.contact(), cause.name().toLowerCase());
    }
}
