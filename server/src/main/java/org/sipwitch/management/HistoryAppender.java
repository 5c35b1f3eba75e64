package org.sipwitch.management;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.sipwitch.mbeans.HistoryLine;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender that keeps WARN and ERROR lines in a {@link HistoryRing}, attached
 * to the root logger at start and detached at stop (programmatically, so logback.xml
 * stays the operator's). It stores the formatted message and, for an exception, only
 * its class and message, never a stack trace: the code that logs is responsible for
 * never putting a secret into a message, and this keeps the ring as safe as the log.
 */
final class HistoryAppender extends AppenderBase<ILoggingEvent> {

    static final String NAME = "sipwitch-history";

    private final HistoryRing ring;

    HistoryAppender(HistoryRing ring) {
        this.ring = ring;
        setName(NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        String message = event.getFormattedMessage();
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            message += " (" + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
        }
        ring.add(new HistoryLine(event.getTimeStamp(), event.getLevel().toString(), event.getLoggerName(),
                message.replaceAll("[\\r\\n\\t]+", " ")));
    }

    /** Attaches to the root logger, when Logback is the SLF4J binding; false otherwise. */
    boolean attach() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        setContext(context);
        start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
        return true;
    }

    void detach() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }
}
