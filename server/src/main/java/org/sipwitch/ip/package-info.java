/**
 * IP addresses as the configuration and the access rules write them: literals parsed
 * without DNS ({@link org.sipwitch.ip.IpLiteral}, also the RFC 5952 text form every log
 * and trace prints) and networks ({@link org.sipwitch.ip.Cidr}). No SIP, no Netty.
 */
package org.sipwitch.ip;
