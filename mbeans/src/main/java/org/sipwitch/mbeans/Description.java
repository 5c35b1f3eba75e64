package org.sipwitch.mbeans;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Human text for an MXBean interface, attribute getter/setter, operation or operation
 * parameter. {@link DescribedMXBean} copies it into the MBeanInfo, so JConsole,
 * VisualVM and jmxterm show it instead of the JDK's generic placeholders.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER})
public @interface Description {
    String value();
}
