package org.sipwitch.testing;

import java.util.Properties;
import gov.nist.core.StackLogger;

/**
 * jain-sip-ri's default loggers need log4j 1.x, which is not on our test class
 * path (and tests need no stack chatter): this one drops everything but errors.
 */
public final class QuietStackLogger implements StackLogger {
    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int traceLevel) { }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { }
    @Override public void logDebug(String message) { }
    @Override public void logDebug(String message, Exception ex) { }
    @Override public void logTrace(String message) { }
    @Override public void logFatalError(String message) { System.err.println("jain-sip: " + message); }
    @Override public void logError(String message) { System.err.println("jain-sip: " + message); }
    @Override public boolean isLoggingEnabled() { return false; }
    @Override public boolean isLoggingEnabled(int logLevel) { return false; }
    @Override public void logError(String message, Exception ex) { System.err.println("jain-sip: " + message + ": " + ex); }
    @Override public void logWarning(String message) { }
    @Override public void logInfo(String message) { }
    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public String getLoggerName() { return "quiet"; }
}
