package org.sipwitch.mbeans;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.management.MBeanOperationInfo;

/**
 * What an MXBean operation does, as JConsole and VisualVM show it (and may ask to
 * confirm): one of {@link MBeanOperationInfo#INFO} (only reads),
 * {@link MBeanOperationInfo#ACTION} (changes something: {@code down}, {@code drop}…) or
 * {@link MBeanOperationInfo#ACTION_INFO} (changes something and returns what the caller
 * reads). {@link DescribedMXBean} puts it into the MBeanInfo; without it the JDK says
 * {@code UNKNOWN}, which a test does not allow.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Impact {
    int value();
}
